package io.consentline.audit.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The per-subject data keys ({@code subject_key}), stored wrapped. Deleting a subject's key is the erasure:
 * without it, the subject's sealed data in the log cannot be read by anyone.
 */
@ApplicationScoped
public class SubjectKeyRepository {

    /** One subject's key as stored: who it belongs to and the key wrapped under the key-encryption key. */
    public record StoredKey(UUID id, String tenant, String identifierHash, byte[] wrappedKey) {
    }

    private final Pool pool;

    SubjectKeyRepository(Pool pool) {
        this.pool = pool;
    }

    /** The stored keys of these subjects (tenant and identifier hash at the same index); missing ones are absent. */
    public Uni<List<StoredKey>> find(SqlClient client, String[] tenants, String[] identifierHashes) {
        return client.preparedQuery("""
                select k.id, k.tenant, k.identifier_hash, k.wrapped_key from subject_key k
                join unnest($1::text[], $2::text[]) as s(tenant, identifier_hash)
                  on k.tenant = s.tenant and k.identifier_hash = s.identifier_hash
                """).execute(Tuple.of(tenants, identifierHashes)).map(SubjectKeyRepository::keys);
    }

    public Uni<List<StoredKey>> find(String tenant, List<String> identifierHashes) {
        String[] tenants = new String[identifierHashes.size()];
        java.util.Arrays.fill(tenants, tenant);
        return find(pool, tenants, identifierHashes.toArray(String[]::new));
    }

    /** Stores new keys; a subject that got a key meanwhile keeps the one it has. */
    public Uni<Void> insert(SqlClient tx, List<StoredKey> keys) {
        int n = keys.size();
        UUID[] ids = new UUID[n];
        String[] tenants = new String[n];
        String[] hashes = new String[n];
        Buffer[] wrapped = new Buffer[n];
        for (int i = 0; i < n; i++) {
            ids[i] = keys.get(i).id();
            tenants[i] = keys.get(i).tenant();
            hashes[i] = keys.get(i).identifierHash();
            wrapped[i] = Buffer.buffer(keys.get(i).wrappedKey());
        }
        return tx.preparedQuery("""
                insert into subject_key (id, tenant, identifier_hash, wrapped_key)
                select * from unnest($1::uuid[], $2::text[], $3::text[], $4::bytea[])
                on conflict (tenant, identifier_hash) do nothing
                """).execute(Tuple.of(ids, tenants, hashes, wrapped)).replaceWithVoid();
    }

    /** Shreds the subjects' keys; answers the identifier hashes whose key existed. */
    public Uni<java.util.Set<String>> delete(SqlClient tx, String tenant, List<String> identifierHashes) {
        return tx.preparedQuery("delete from subject_key where tenant = $1 and identifier_hash = any($2) "
                + "returning identifier_hash")
                .execute(Tuple.of(tenant, identifierHashes.toArray(String[]::new)))
                .map(rows -> {
                    java.util.Set<String> erased = new java.util.HashSet<>();
                    rows.forEach(row -> erased.add(row.getString("identifier_hash")));
                    return erased;
                });
    }

    private static List<StoredKey> keys(RowSet<Row> rows) {
        List<StoredKey> keys = new ArrayList<>();
        for (Row row : rows) {
            keys.add(new StoredKey(row.getUUID("id"), row.getString("tenant"), row.getString("identifier_hash"),
                    Sql.bytes(row, "wrapped_key")));
        }
        return keys;
    }
}
