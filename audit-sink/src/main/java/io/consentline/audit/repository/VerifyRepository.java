package io.consentline.audit.repository;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.agroal.api.AgroalDataSource;
import io.consentline.audit.domain.chain.LinkCheck;
import io.consentline.audit.domain.chain.VerifyReport.BrokenLink;

/**
 * Streams a range of a tenant's chain out of PostgreSQL with {@code COPY (…) TO STDOUT (FORMAT binary)} and checks
 * every link in Java ({@link LinkCheck}): SHA-256(prev_hash || unit) = hash, where a row's unit is the bytes its link
 * covers, stored since V7 (for older rows {@code audit_canonical()} or the columns themselves give them, see below).
 *
 * <p><b>Fast</b>: rows go in groups of {@link #GROUP}, each group one tuple of two bytea ({@code string_agg} over its
 * rows in seq order, see {@link PackedWalk}): per row only hash, prev_hash, the unit's length and the unit, instead
 * of 22 columns each sent through its own output function, and one message per group instead of one per row
 * (measured in docs/benchmarks.md, tenth and eleventh rounds). A row's seq is read from its unit, not sent: building
 * each row's head was most of PostgreSQL's work beyond reading the rows, and the seq's {@code int8send} and the
 * unit's {@code audit_unit(e)} were ~20% of the query (seventeenth round). The table keeps these columns first (V8),
 * so PostgreSQL does not walk a row's other columns to reach them. Rows from before V7 have no unit: they are read as
 * the deep scan reads them, by their columns (without its extra checks), and the first row with a unit splits a
 * range. A row without a unit after that has had its unit removed: it is reported broken
 * ({@link io.consentline.audit.domain.chain.LinkCheck#UNIT_REMOVED}).
 *
 * <p><b>Deep</b>: one tuple per row with the unit and the v2 columns ({@link ColumnWalk}). Chain format v2 encodes
 * each field as PostgreSQL's binary protocol sends it, so a v2 row's unit must be its version tag followed by exactly
 * the bytes of its columns in the stream: the walk compares them where they lie. PostgreSQL re-hashes the facts and
 * sealed data and compares them with the digest columns; with the columns matching the unit, that proves the blobs
 * match the digests the link covers. A v2 row from before V7 has no stored unit: its link covers its columns.
 *
 * <p>Each range is read in a read-only transaction with {@link #SCAN_SETTINGS}: PostgreSQL then walks the unique
 * {@code (tenant, seq)} index in order. Left to itself, for a range that is a large part of the table it plans a
 * parallel sequential scan and a sort, which costs about twice the CPU per row (measured: 4.2 against 1.8 µs per
 * row, one tenant) and puts two more busy processes on a machine whose cores the Java check needs as well.
 *
 * <p>Blocking (JDBC): call it from a worker thread. The rows of a range never change once written (the log is
 * append-only and the range ends at or below the head), so parallel scans of adjacent ranges on separate
 * connections see the same rows.
 */
@ApplicationScoped
public class VerifyRepository {

    /**
     * Rows per streamed group: ~140 KB a message. A message above half a heap region (512 KB with the service's
     * heap) would be a humongous allocation in the driver.
     */
    static final int GROUP = 256;

    private static final String HASHES = "case when length(e.hash) = 32 and length(e.prev_hash) = 32 "
            + "then e.hash || e.prev_hash else '\\x" + "00".repeat(64) + "'::bytea end";

    /** Whether a row's facts and sealed data still match its digest columns. */
    private static final String BLOBS_CHECK = """
            (e.chain_version = 1 or (e.facts_hash = sha256(convert_to(e.facts, 'UTF8'))
                                     and e.sealed_hash is not distinct from sha256(e.sealed))) is true""";

    /** One row per tuple: its unit (computed only for v1), the v2 columns in canonical order (then the blob check). */
    private static final String ROW_COLUMNS = """
            e.chain_version, e.hash, e.prev_hash,
            case when e.unit is null and e.chain_version = 1 then audit_canonical(e) else e.unit end,
            e.tenant, e.seq, e.event_id, e.event_type, e.subject_id, e.identifier_hash, e.identifier_type,
            array_to_string(e.purposes, E'\\x1f'), e.channel, e.source, e.status_before, e.status_after,
            e.occurred_at, e.recorded_at, e.causation_id, e.kafka_topic, e.kafka_partition, e.kafka_offset,
            e.facts_hash, e.key_id, e.sealed_hash,
            """;

    /** Planner settings for the read of one range (transaction-local): the rows in index order, one process. */
    static final List<String> SCAN_SETTINGS = List.of(
            "set local enable_seqscan = off",
            "set local enable_bitmapscan = off",
            "set local max_parallel_workers_per_gather = 0");

    /** How many rows of a range were checked, and the first broken one (null when all hold). */
    public record Result(long checked, BrokenLink firstBroken) {
    }

    private final AgroalDataSource dataSource;

    VerifyRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Checks the links of rows {@code fromSeq..toSeq} (and the row before {@code fromSeq}, as the anchor).
     *
     * @param deep also check that each v2 row's columns match its unit and its facts and sealed data the digests
     */
    public Result verify(String tenant, long fromSeq, long toSeq, boolean deep) {
        LinkCheck check = new LinkCheck(fromSeq);
        long first = Math.max(fromSeq - 1, 1); // the anchor
        ColumnWalk columns = null;
        PackedWalk packed = new PackedWalk(check);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                try (Statement settings = connection.createStatement()) {
                    for (String setting : SCAN_SETTINGS) {
                        settings.execute(setting);
                    }
                }
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                long unitsFrom = unitsFrom(connection, tenant, first, toSeq);
                columns = new ColumnWalk(check, deep, unitsFrom);
                long packedFrom = deep ? toSeq + 1 : unitsFrom;
                if (first < packedFrom) {
                    copy.copyOut(copyOf(columnsOf(tenant, first, Math.min(packedFrom - 1, toSeq), deep)),
                            new CopyTuples(columns, ColumnWalk.BLOBS_MATCH + 1));
                }
                if (packedFrom <= toSeq) {
                    copy.copyOut(copyOf(packedOf(tenant, packedFrom, toSeq)),
                            new CopyTuples(packed, PackedWalk.FIELDS));
                }
            } finally {
                // ends the transaction and with it the settings; the pooled connection goes back as it came
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the chain", e);
        }
        return new Result(check.checked(), check.brokenSeq() < 0 ? null : new BrokenLink(check.brokenSeq(),
                columns != null && columns.brokenEventId != null ? columns.brokenEventId : packed.brokenEventId,
                check.brokenReason()));
    }

    /**
     * Where the rows of {@code from..to} that must store their unit start; {@code to + 1} when none must. Every row
     * appended since V7 stores it, so a chain's rows without a unit are the ones appended before V7, all before its
     * first row with a unit, and the fast scan reads them by their columns (encoding them in SQL instead costs ~70 µs
     * a row: docs/benchmarks.md, tenth round). A row without a unit after a row with one has had it removed. Two
     * short index reads: the first row with a unit in the range (at {@code from} itself, in a chain appended since
     * V7), and only if that is not {@code from}, whether a row before the range has one (the row just before, unless
     * the range starts among the rows from before V7).
     */
    private static long unitsFrom(Connection connection, String tenant, long from, long to) throws SQLException {
        long inRange = firstSeq(connection, "select e.seq from audit_entry e where e.tenant = ? and e.seq between ? "
                + "and ? and e.unit is not null order by e.seq limit 1", tenant, from, to);
        if (inRange == from) {
            return from;
        }
        long before = firstSeq(connection, "select e.seq from audit_entry e where e.tenant = ? and e.seq < ? "
                + "and e.unit is not null order by e.seq desc limit 1", tenant, from);
        return before > 0 ? from : inRange > 0 ? inRange : to + 1;
    }

    /** The seq the query finds; -1 for none. */
    private static long firstSeq(Connection connection, String query, String tenant, long... bounds)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, tenant);
            for (int i = 0; i < bounds.length; i++) {
                statement.setLong(2 + i, bounds[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : -1;
            }
        }
    }

    static String copyOf(String select) {
        return "copy (" + select + ") to stdout (format binary)";
    }

    /** Rows {@code first..last}, one tuple each (the blob check only when deep). */
    static String columnsOf(String tenant, long first, long last, boolean deep) {
        return "select " + ROW_COLUMNS + (deep ? BLOBS_CHECK : "true") + rows(tenant) + first + " and " + last
                + " order by e.seq";
    }

    /**
     * Rows {@code first..last} in groups of {@link #GROUP} seqs, each group's rows as two fields in seq order: their
     * heads (hashes, unit length) and their units. Two aggregates instead of one over head and unit joined
     * row by row: the unit is copied once (into its aggregate), not once more by the join (measured in
     * docs/benchmarks.md, eleventh round).
     */
    static String packedOf(String tenant, long first, long last) {
        long groups = Math.max(0, (last - first + GROUP) / GROUP);
        String lo = "(" + first + " + g * " + GROUP + ")";
        return "select r.heads, r.units from generate_series(0::bigint, " + (groups - 1) + ") g, lateral ("
                + "select string_agg(r.head, ''::bytea) as heads, string_agg(r.unit, ''::bytea) as units"
                + " from (select " + HASHES + " || int4send(coalesce(length(e.unit), -1)) as head, e.unit as unit"
                + rows(tenant) + lo + " and least(" + lo + " + " + (GROUP - 1) + ", " + last
                + ") order by e.seq) r) r";
    }

    private static String rows(String tenant) {
        return " from audit_entry e where e.tenant = " + literal(tenant) + " and e.seq between ";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
