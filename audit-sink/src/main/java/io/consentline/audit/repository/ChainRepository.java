package io.consentline.audit.repository;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The heads of the tenants' chains ({@code audit_chain}). An appender locks the heads it extends for the length
 * of its transaction, in tenant order (no deadlocks), so each chain has one writer at a time.
 */
@ApplicationScoped
public class ChainRepository {

    /** A chain's last row: its seq (0 for an empty chain) and hash. */
    public record Head(long seq, byte[] hash) {
    }

    private final Pool pool;

    ChainRepository(Pool pool) {
        this.pool = pool;
    }

    /** Locks the heads of the tenants' chains until the transaction ends, starting chains that do not exist. */
    public Uni<Map<String, Head>> lock(SqlClient tx, List<String> tenants) {
        String[] sorted = tenants.stream().distinct().sorted().toArray(String[]::new);
        return tx.preparedQuery("insert into audit_chain (tenant) select t from unnest($1::text[]) t order by t "
                + "on conflict do nothing").execute(Tuple.of(sorted))
                .chain(() -> tx.preparedQuery("select tenant, seq, head from audit_chain where tenant = any($1) "
                        + "order by tenant for update").execute(Tuple.of(sorted)))
                .map(rows -> {
                    Map<String, Head> heads = new HashMap<>();
                    for (Row row : rows) {
                        heads.put(row.getString("tenant"), new Head(row.getLong("seq"), Sql.bytes(row, "head")));
                    }
                    return heads;
                });
    }

    public Uni<Void> advance(SqlClient tx, Map<String, Head> heads) {
        String[] tenants = heads.keySet().toArray(String[]::new);
        Long[] seqs = new Long[tenants.length];
        Buffer[] hashes = new Buffer[tenants.length];
        for (int i = 0; i < tenants.length; i++) {
            seqs[i] = heads.get(tenants[i]).seq();
            hashes[i] = Buffer.buffer(heads.get(tenants[i]).hash());
        }
        return tx.preparedQuery("update audit_chain c set seq = u.seq, head = u.head "
                + "from unnest($1::text[], $2::bigint[], $3::bytea[]) as u(tenant, seq, head) where c.tenant = u.tenant")
                .execute(Tuple.of(tenants, seqs, hashes)).replaceWithVoid();
    }

    /** The head as the service last wrote it (not evidence: verification recomputes from the rows). */
    public Uni<Head> head(String tenant) {
        return pool.preparedQuery("select seq, head from audit_chain where tenant = $1").execute(Tuple.of(tenant))
                .map(rows -> rows.size() == 0 ? null
                        : new Head(rows.iterator().next().getLong("seq"), Sql.bytes(rows.iterator().next(), "head")));
    }

    /** Tenants whose chain grew since their latest checkpoint, with their heads. */
    public Uni<Map<String, Head>> headsPastTheirCheckpoint() {
        return pool.query("""
                select c.tenant, c.seq, c.head from audit_chain c
                where c.seq > coalesce((select max(k.seq) from audit_checkpoint k where k.tenant = c.tenant), 0)
                """).execute().map(rows -> {
            Map<String, Head> heads = new HashMap<>();
            for (Row row : rows) {
                heads.put(row.getString("tenant"), new Head(row.getLong("seq"), Sql.bytes(row, "head")));
            }
            return heads;
        });
    }
}
