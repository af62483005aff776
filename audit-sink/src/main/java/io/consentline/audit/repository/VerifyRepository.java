package io.consentline.audit.repository;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;

import io.agroal.api.AgroalDataSource;
import io.consentline.audit.domain.chain.LinkCheck;
import io.consentline.audit.domain.chain.VerifyReport.BrokenLink;

/**
 * Streams a range of a tenant's chain out of PostgreSQL and checks every link in Java ({@link LinkCheck}). For each
 * row PostgreSQL sends its seq, hash, prev_hash and unit: the bytes its link covers, stored since V7 (for older
 * rows {@code audit_canonical()} or {@code audit_canonical_v2()} encode them from the columns, slower). Rows go in
 * groups of {@link #GROUP} in one bytea each ({@code string_agg} over the group's rows in seq order), streamed by
 * {@code COPY (…) TO STDOUT (FORMAT binary)}: one message per group instead of one per row, and four values per
 * row instead of 22 columns each sent through its own output function (measured in docs/benchmarks.md, tenth
 * round). A deep scan also asks PostgreSQL whether each row's facts and sealed data still match their digests and
 * its columns still match its unit.
 *
 * <p>A group's rows, as packed: seq (8 bytes), hash and prev_hash (32 each; 64 zero bytes if either is not 32
 * bytes long, which no link matches), a mark (1 byte: {@link #MARK_OK}, {@link #MARK_BLOBS} or
 * {@link #MARK_COLUMNS}), the unit's length (4) and the unit. The check needs nothing else; the event id of a
 * broken row is read from its unit. Rows out of order or missing show as such: each row's seq is checked.
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

    /** Rows per streamed group: ~0.5 MB a message. */
    static final int GROUP = 1024;

    static final byte MARK_OK = 0, MARK_BLOBS = 1, MARK_COLUMNS = 2;

    private static final String UNIT = "coalesce(e.unit, case e.chain_version when 1 then audit_canonical(e) "
            + "else audit_canonical_v2(e) end)";

    private static final String HASHES = "case when length(e.hash) = 32 and length(e.prev_hash) = 32 "
            + "then e.hash || e.prev_hash else '\\x" + "00".repeat(64) + "'::bytea end";

    private static final String FAST_MARK = "'\\x00'::bytea";

    private static final String DEEP_MARK = """
            case when (e.chain_version = 1 or (e.facts_hash = sha256(convert_to(e.facts, 'UTF8'))
                                              and e.sealed_hash is not distinct from sha256(e.sealed))) is not true
                   then '\\x01'::bytea
                 when (e.unit is null or e.unit = audit_canonical_v2(e)) is not true then '\\x02'::bytea
                 else '\\x00'::bytea end""";

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
     * @param deep also check that each v2 row's facts and sealed data match the digests its link covers, and that
     *        its columns match its unit
     */
    public Result verify(String tenant, long fromSeq, long toSeq, boolean deep) {
        String sql = copyOf(tenant, fromSeq, toSeq, deep);
        RowWalk walk = new RowWalk(new LinkCheck(fromSeq), deep);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try {
                try (Statement settings = connection.createStatement()) {
                    for (String setting : SCAN_SETTINGS) {
                        settings.execute(setting);
                    }
                }
                connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, new CopyRows(walk));
            } finally {
                // ends the transaction and with it the settings; the pooled connection goes back as it came
                connection.rollback();
                connection.setReadOnly(false);
                connection.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot read the chain", e);
        }
        return walk.result();
    }

    /** Walks each group's packed rows through the link check. */
    static final class RowWalk {

        private static final int SEQ = 0, HASH = 8, PREV = 40, MARK = 72, UNIT_LENGTH = 73, UNIT = 77;

        private final LinkCheck check;
        private final boolean deep;
        private String brokenEventId;

        RowWalk(LinkCheck check, boolean deep) {
            this.check = check;
            this.deep = deep;
        }

        /** One group: its packed rows in {@code buf[from, to)}. */
        void group(byte[] buf, int from, int to) {
            int at = from;
            while (at < to) {
                if (to - at < UNIT) {
                    throw new IllegalStateException("a row cut short in a group of the chain");
                }
                int unitLength = CopyRows.int32(buf, at + UNIT_LENGTH);
                if (unitLength < 0 || unitLength > to - at - UNIT) {
                    throw new IllegalStateException("a unit of " + unitLength + " bytes in a group of the chain");
                }
                byte mark = buf[at + MARK];
                String blobsBroken = !deep || mark == MARK_OK ? null
                        : mark == MARK_BLOBS ? LinkCheck.BLOB_CHANGED : LinkCheck.COLUMNS_CHANGED;
                if (check.row(CopyRows.int64(buf, at + SEQ), buf, at + HASH, at + PREV, at + UNIT, unitLength,
                        blobsBroken)) {
                    brokenEventId = eventIdOf(buf, at + UNIT, unitLength);
                }
                at += UNIT + unitLength;
            }
        }

        /** The event id in a unit (its fourth field, in v1 and v2); null when the unit is too broken to tell. */
        static String eventIdOf(byte[] buf, int from, int length) {
            int at = from;
            int end = from + length;
            for (int field = 0; field < 3; field++) {
                if (end - at < 4) {
                    return null;
                }
                at += 4 + Math.max(CopyRows.int32(buf, at), 0);
            }
            if (end - at < 4) {
                return null;
            }
            int idLength = CopyRows.int32(buf, at);
            return idLength < 0 || idLength > end - at - 4 ? null
                    : new String(buf, at + 4, idLength, StandardCharsets.UTF_8);
        }

        Result result() {
            return new Result(check.checked(), check.brokenSeq() < 0 ? null
                    : new BrokenLink(check.brokenSeq(), brokenEventId, check.brokenReason()));
        }
    }

    /** The COPY statement that streams the rows of a range (from the row before it) for the check. */
    static String copyOf(String tenant, long fromSeq, long toSeq, boolean deep) {
        return "copy (" + selectOf(tenant, fromSeq, toSeq, deep) + ") to stdout (format binary)";
    }

    /**
     * The query whose rows the COPY streams: one per group of {@link #GROUP} seqs from the row before the range to
     * its end, each the group's rows packed in seq order (null for a group whose rows are all missing).
     */
    static String selectOf(String tenant, long fromSeq, long toSeq, boolean deep) {
        long first = Math.max(fromSeq - 1, 1);
        long groups = Math.max(0, (toSeq - first + GROUP) / GROUP);
        String lo = "(" + first + " + g * " + GROUP + ")";
        return "select (select string_agg(r.packed, ''::bytea) from (select int8send(e.seq) || " + HASHES + " || "
                + (deep ? DEEP_MARK : FAST_MARK) + " || int4send(length(" + UNIT + ")) || " + UNIT
                + " as packed from audit_entry e where e.tenant = " + literal(tenant) + " and e.seq between " + lo
                + " and least(" + lo + " + " + (GROUP - 1) + ", " + toSeq + ") order by e.seq) r)"
                + " from generate_series(0::bigint, " + (groups - 1) + ") g";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Rows of a binary COPY stream, as the driver writes the stream's messages: a header, then per row a 16-bit
     * field count and per field a 32-bit length (-1 for null) and its bytes; -1 as field count ends it. Here each
     * row is one field, a group of packed rows, handed over whole where it lies in the buffer.
     */
    static final class CopyRows extends OutputStream {

        private static final int HEADER = 11 + 4 + 4;

        private final RowWalk walk;
        private byte[] buf = new byte[1 << 20];
        private int pos;
        private int limit;
        private boolean headerRead;
        private boolean ended;

        CopyRows(RowWalk walk) {
            this.walk = walk;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            try {
                append(bytes, off, len);
            } catch (RuntimeException e) {
                // as an IOException the driver cancels the COPY, so the pooled connection is left clean
                throw new IOException("cannot check the chain's rows", e);
            }
        }

        private void append(byte[] bytes, int off, int len) {
            if (limit + len > buf.length) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                limit -= pos;
                pos = 0;
                if (limit + len > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, limit + len));
                }
            }
            System.arraycopy(bytes, off, buf, limit, len);
            limit += len;
            while (!ended && nextRow()) {
                // each complete group has been handed to the walk
            }
        }

        /** Hands over the next group if it is complete; false when more bytes are needed (or at the end). */
        private boolean nextRow() {
            if (!headerRead) {
                if (limit - pos < HEADER || limit - pos < HEADER + int32(buf, pos + 15)) {
                    return false;
                }
                pos += HEADER + int32(buf, pos + 15);
                headerRead = true;
            }
            if (limit - pos < 2) {
                return false;
            }
            int fields = int16(buf, pos);
            if (fields < 0) {
                ended = true;
                pos += 2;
                return false;
            }
            if (fields != 1) {
                throw new IllegalStateException("unexpected row of " + fields + " fields");
            }
            if (limit - pos < 6) {
                return false;
            }
            int length = int32(buf, pos + 2);
            int end = pos + 6 + Math.max(length, 0);
            if (end > limit) {
                return false;
            }
            if (length > 0) {
                walk.group(buf, pos + 6, end);
            }
            pos = end;
            return true;
        }

        static int int16(byte[] buf, int at) {
            return (short) (((buf[at] & 0xff) << 8) | (buf[at + 1] & 0xff));
        }

        static int int32(byte[] buf, int at) {
            return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8)
                    | (buf[at + 3] & 0xff);
        }

        static long int64(byte[] buf, int at) {
            return ((long) int32(buf, at) << 32) | (int32(buf, at + 4) & 0xffffffffL);
        }
    }
}
