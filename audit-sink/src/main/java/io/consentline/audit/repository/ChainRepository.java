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

    /** A chain as read (or locked): its head, and how many erasures its tenant has had (see {@link #markErasure}). */
    public record ChainState(Head head, long erasures) {
    }

    /**
     * A batch's move of one chain, linked ahead of the head's lock: from the head it was linked to (and the erasure
     * count its keys were chosen under) to its last row.
     */
    public record Move(String tenant, Head from, long erasures, Head to) {
    }

    // The no-op branch still takes the row lock, like the move: a refused batch holds it until it rolls back.
    private static final String MOVE = """
            update audit_chain c
            set seq = case when c.seq = u.from_seq and c.head = u.from_head and c.erasures = u.erasures
                           then u.to_seq else c.seq end,
                head = case when c.seq = u.from_seq and c.head = u.from_head and c.erasures = u.erasures
                            then u.to_head else c.head end
            from unnest($1::text[], $2::bigint[], $3::bytea[], $4::bigint[], $5::bigint[], $6::bytea[])
              as u(tenant, from_seq, from_head, erasures, to_seq, to_head)
            where c.tenant = u.tenant
            returning c.head = u.to_head as moved
            """;

    private final Pool pool;

    ChainRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Locks the heads of the tenants' chains until the transaction ends, starting chains that do not exist, and
     * answers them: one statement. The no-op update on conflict is what takes the row lock (and waits for a
     * concurrent appender's commit, then answers the head it left); rows are visited in tenant order, so two
     * appenders cannot deadlock.
     */
    public Uni<Map<String, ChainState>> lock(SqlClient tx, List<String> tenants) {
        String[] sorted = tenants.stream().distinct().sorted().toArray(String[]::new);
        return tx.preparedQuery("insert into audit_chain (tenant) select t from unnest($1::text[]) t order by t "
                + "on conflict (tenant) do update set tenant = excluded.tenant returning tenant, seq, head, erasures")
                .execute(Tuple.of(sorted))
                .map(rows -> {
                    Map<String, ChainState> heads = new HashMap<>();
                    for (Row row : rows) {
                        heads.put(row.getString("tenant"), state(row));
                    }
                    return heads;
                });
    }

    private static ChainState state(Row row) {
        return new ChainState(new Head(row.getLong("seq"), Sql.bytes(row, "head")), row.getLong("erasures"));
    }

    /**
     * The committed heads and erasure counts of these tenants' chains (tenants without a chain yet are absent),
     * without locking. An appender reads this before it looks up the subject keys it seals with: a later
     * difference in the count means an erasure may have shredded one of those keys in between.
     */
    public Uni<Map<String, ChainState>> states(SqlClient tx, List<String> tenants) {
        return tx.preparedQuery("select tenant, seq, head, erasures from audit_chain where tenant = any($1)")
                .execute(Tuple.of(tenants.stream().distinct().toArray(String[]::new)))
                .map(rows -> {
                    Map<String, ChainState> states = new HashMap<>();
                    for (Row row : rows) {
                        states.put(row.getString("tenant"), state(row));
                    }
                    return states;
                });
    }

    /**
     * Moves the chains' heads for a batch linked ahead of their lock, if each is still where the batch linked
     * from and its tenant has had no erasure since: true when every one moved. Locks the heads until the
     * transaction ends either way (waiting for an appender that holds one to finish, then judging by the head it
     * left), so a batch that gets false must roll back. One statement.
     */
    public Uni<Boolean> move(SqlClient tx, List<Move> moves) {
        int n = moves.size();
        String[] tenants = new String[n];
        Long[] fromSeqs = new Long[n], erasures = new Long[n], toSeqs = new Long[n];
        Buffer[] fromHeads = new Buffer[n], toHeads = new Buffer[n];
        for (int i = 0; i < n; i++) {
            Move move = moves.get(i);
            tenants[i] = move.tenant();
            fromSeqs[i] = move.from().seq();
            fromHeads[i] = Buffer.buffer(move.from().hash());
            erasures[i] = move.erasures();
            toSeqs[i] = move.to().seq();
            toHeads[i] = Buffer.buffer(move.to().hash());
        }
        Tuple arguments = Tuple.from(List.of(tenants, fromSeqs, fromHeads, erasures, toSeqs, toHeads));
        return tx.preparedQuery(MOVE).execute(arguments).map(rows -> {
            int moved = 0;
            for (Row row : rows) {
                moved += Boolean.TRUE.equals(row.getBoolean("moved")) ? 1 : 0;
            }
            return moved == n;
        });
    }

    /**
     * Locks the tenant's chain head for an erasure and counts the erasure: called before the erasure shreds any
     * key, so no append of the tenant is halfway through (see ChainAppender) while keys disappear.
     */
    public Uni<Void> markErasure(SqlClient tx, String tenant) {
        return tx.preparedQuery("insert into audit_chain (tenant, erasures) values ($1, 1) "
                + "on conflict (tenant) do update set erasures = audit_chain.erasures + 1")
                .execute(Tuple.of(tenant)).replaceWithVoid();
    }

    /** The statement that moves heads: tenants, seqs and hashes as arrays at parameters {@code $first..$first+2}. */
    static String advanceStatement(int first) {
        return "update audit_chain c set seq = u.seq, head = u.head from unnest($" + first + "::text[], $"
                + (first + 1) + "::bigint[], $" + (first + 2) + "::bytea[]) as u(tenant, seq, head) "
                + "where c.tenant = u.tenant";
    }

    /** The heads as the three arrays {@link #advanceStatement(int)} takes. */
    static List<Object> advanceArguments(Map<String, Head> heads) {
        String[] tenants = heads.keySet().toArray(String[]::new);
        Long[] seqs = new Long[tenants.length];
        Buffer[] hashes = new Buffer[tenants.length];
        for (int i = 0; i < tenants.length; i++) {
            seqs[i] = heads.get(tenants[i]).seq();
            hashes[i] = Buffer.buffer(heads.get(tenants[i]).hash());
        }
        return List.of(tenants, seqs, hashes);
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
