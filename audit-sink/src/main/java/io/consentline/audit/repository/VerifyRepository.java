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
 * Streams a range of a tenant's chain out of PostgreSQL with {@code COPY (…) TO STDOUT (FORMAT binary)} and
 * checks every link in Java ({@link LinkCheck}). Chain format v2 was chosen so that a row's canonical bytes are
 * exactly the binary COPY encoding of its columns (length-prefixed fields, {@code ff ff ff ff} for null): the
 * check hashes each row's slice of the stream where it lies, without decoding it. v1 rows are encoded by
 * {@code audit_canonical()} in the database (slower, but only the rows from before v2 need it). A deep scan also
 * asks PostgreSQL whether each v2 row's facts and sealed data still match their digests.
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

    /** Column positions in the COPY rows. */
    private static final int VERSION = 0, HASH = 1, PREV = 2, V1_CANONICAL = 3, V2_FIRST = 4, V2_SEQ = 5,
            V2_EVENT_ID = 6, V2_LAST = 24, DEEP = 25;

    private static final String COLUMNS = """
            e.chain_version, e.hash, e.prev_hash,
            case when e.chain_version = 1 then audit_canonical(e) end,
            e.tenant, e.seq, e.event_id, e.event_type, e.subject_id, e.identifier_hash, e.identifier_type,
            array_to_string(e.purposes, E'\\x1f'), e.channel, e.source, e.status_before, e.status_after,
            e.occurred_at, e.recorded_at, e.causation_id, e.kafka_topic, e.kafka_partition, e.kafka_offset,
            e.facts_hash, e.key_id, e.sealed_hash""";

    private static final String BLOBS_MATCH = """
            , e.chain_version = 1 or (e.facts_hash = sha256(convert_to(e.facts, 'UTF8'))
                                     and e.sealed_hash is not distinct from sha256(e.sealed))""";

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
     * @param deep also check that each v2 row's facts and sealed data match the digests its link covers
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

    /** Hands each row's slices to the link check. */
    private static final class RowWalk {

        private final LinkCheck check;
        private final boolean deep;
        private String brokenEventId;

        RowWalk(LinkCheck check, boolean deep) {
            this.check = check;
            this.deep = deep;
        }

        void row(byte[] buf, int[] offsets) {
            int version = CopyRows.int16(buf, offsets[VERSION] + 4);
            long seq = CopyRows.int64(buf, offsets[V2_SEQ] + 4);
            boolean v1 = version == 1;
            int canonicalOff = v1 ? offsets[V1_CANONICAL] + 4 : offsets[V2_FIRST];
            int canonicalLen = v1 ? CopyRows.int32(buf, offsets[V1_CANONICAL]) : offsets[V2_LAST + 1] - offsets[V2_FIRST];
            boolean blobsOk = !deep || buf[offsets[DEEP] + 4] != 0;
            if (check.row(seq, version, buf, offsets[HASH] + 4, offsets[PREV] + 4, canonicalOff, canonicalLen,
                    blobsOk)) {
                int length = CopyRows.int32(buf, offsets[V2_EVENT_ID]);
                brokenEventId = new String(buf, offsets[V2_EVENT_ID] + 4, length, StandardCharsets.UTF_8);
            }
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

    /** The query whose rows the COPY streams. */
    static String selectOf(String tenant, long fromSeq, long toSeq, boolean deep) {
        return "select " + COLUMNS + (deep ? BLOBS_MATCH : "") + " from audit_entry e where e.tenant = "
                + literal(tenant) + " and e.seq between " + Math.max(fromSeq - 1, 1) + " and " + toSeq
                + " order by e.seq";
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * Rows of a binary COPY stream, as the driver writes the stream's messages: a header, then per row a 16-bit
     * field count and per field a 32-bit length (-1 for null) and its bytes; -1 as field count ends it. Each
     * complete row is handed over whole, in one buffer, so slices of it can be hashed where they lie.
     */
    static final class CopyRows extends OutputStream {

        private static final int HEADER = 11 + 4 + 4;

        private final RowWalk walk;
        private final int[] offsets = new int[DEEP + 2];
        private byte[] buf = new byte[1 << 16];
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
                // each complete row has been handed to the walk
            }
        }

        /** Hands over the next row if it is complete; false when more bytes are needed (or at the end). */
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
            if (fields + 1 > offsets.length) {
                throw new IllegalStateException("unexpected row of " + fields + " fields");
            }
            int at = pos + 2;
            for (int i = 0; i < fields; i++) {
                if (limit - at < 4) {
                    return false;
                }
                offsets[i] = at;
                int length = int32(buf, at);
                at += 4 + Math.max(length, 0);
                if (at > limit) {
                    return false;
                }
            }
            offsets[fields] = at;
            walk.row(buf, offsets);
            pos = at;
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
