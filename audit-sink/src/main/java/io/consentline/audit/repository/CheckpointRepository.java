package io.consentline.audit.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.checkpoint.Checkpoint;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Signed checkpoints ({@code audit_checkpoint}), append-only like the log. */
@ApplicationScoped
public class CheckpointRepository {

    private final Pool pool;

    CheckpointRepository(Pool pool) {
        this.pool = pool;
    }

    /** A checkpoint as stored, with its row id (the publication outbox refers to it). */
    public record Stored(long id, Checkpoint checkpoint) {
    }

    /** Stores the checkpoint; false when one for the same seq exists already. */
    public Uni<Boolean> insert(Checkpoint c) {
        return pool.preparedQuery("""
                insert into audit_checkpoint (tenant, seq, head, created_at, key_id, signature)
                values ($1, $2, $3, $4, $5, $6) on conflict (tenant, seq) do nothing""")
                .execute(Tuple.from(new Object[] { c.tenant(), c.seq(), Buffer.buffer(c.head()),
                        Sql.utc(c.createdAt()), c.keyId(), Buffer.buffer(c.signature()) }))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Checkpoints not yet published on Kafka, oldest first, with ids above {@code afterId} (everything up to
     * it is known to be published).
     */
    public Uni<List<Stored>> unpublished(long afterId, int limit) {
        return pool.preparedQuery("""
                select c.* from audit_checkpoint c
                where c.id > $1 and not exists (select 1 from audit_checkpoint_publication p where p.checkpoint_id = c.id)
                order by c.id limit $2""").execute(Tuple.of(afterId, limit)).map(rows -> {
            List<Stored> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(new Stored(row.getLong("id"), checkpoint(row)));
            }
            return found;
        });
    }

    /** Records that the checkpoint is on Kafka. */
    public Uni<Void> published(long id) {
        return pool.preparedQuery("insert into audit_checkpoint_publication (checkpoint_id, published_at) "
                + "values ($1, now()) on conflict do nothing").execute(Tuple.of(id)).replaceWithVoid();
    }

    /** The tenant's latest checkpoint; null when there is none. */
    public Uni<Checkpoint> latest(String tenant) {
        return pool.preparedQuery("select * from audit_checkpoint where tenant = $1 order by seq desc limit 1")
                .execute(Tuple.of(tenant))
                .map(rows -> rows.size() == 0 ? null : checkpoint(rows.iterator().next()));
    }

    private static Checkpoint checkpoint(Row row) {
        return new Checkpoint(row.getString("tenant"), row.getLong("seq"), Sql.bytes(row, "head"),
                Sql.instant(row.getOffsetDateTime("created_at")), row.getString("key_id"),
                Sql.bytes(row, "signature"));
    }
}
