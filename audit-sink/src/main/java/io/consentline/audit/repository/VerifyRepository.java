package io.consentline.audit.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.chain.VerifyReport.BrokenLink;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Recomputes a range of a tenant's chain inside PostgreSQL, next to the data: for every row, SHA-256 of the
 * previous hash and {@code audit_canonical(row)} must be the stored hash, the stored previous hash must be the
 * previous row's, and seqs must follow each other without a gap. One pass over the index
 * {@code (tenant, seq)}; nothing but the answer leaves the database.
 */
@ApplicationScoped
public class VerifyRepository {

    private static final String LINKS = """
            select seq, event_id,
                   sha256(prev_hash || audit_canonical(e)) = hash as hash_ok,
                   prev_hash = coalesce(lag(hash) over w,
                       case when seq = 1 then '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea end)
                       as prev_ok,
                   seq = coalesce(lag(seq) over w + 1, case when seq = $2 then seq end) as seq_ok
            from audit_entry e
            where tenant = $1 and seq >= greatest($2 - 1, 1) and seq <= $3
            window w as (order by seq)
            """;

    private static final String SUMMARY = "select count(*) as checked, "
            + "min(seq) filter (where not (hash_ok and coalesce(prev_ok, false) and coalesce(seq_ok, false))) as broken "
            + "from (" + LINKS + ") l where seq >= $2";

    private static final String REASON = "select * from (" + LINKS + ") l where seq = $4";

    /** How many rows were checked, and the first broken one (null when all hold). */
    public record Result(long checked, BrokenLink firstBroken) {
    }

    private final Pool pool;

    VerifyRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<Result> verify(String tenant, long fromSeq, long toSeq) {
        return pool.preparedQuery(SUMMARY).execute(Tuple.of(tenant, fromSeq, toSeq)).chain(rows -> {
            Row summary = rows.iterator().next();
            long checked = summary.getLong("checked");
            Long broken = summary.getLong("broken");
            if (broken == null) {
                return Uni.createFrom().item(new Result(checked, null));
            }
            return pool.preparedQuery(REASON).execute(Tuple.of(tenant, fromSeq, toSeq, broken))
                    .map(found -> new Result(checked, brokenLink(found.iterator().next())));
        });
    }

    private static BrokenLink brokenLink(Row row) {
        String reason;
        if (!Boolean.TRUE.equals(row.getBoolean("seq_ok"))) {
            reason = "rows are missing before this one";
        } else if (!Boolean.TRUE.equals(row.getBoolean("hash_ok"))) {
            reason = "the row does not hash to its stored hash: it was changed after it was appended";
        } else {
            reason = "prev_hash is not the hash of the previous row";
        }
        return new BrokenLink(row.getLong("seq"), row.getString("event_id"), reason);
    }
}
