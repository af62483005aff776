package io.consentline.audit.repository;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.Canonical;
import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.chain.CompactCanonical;
import io.consentline.audit.domain.chain.LinkCheck;

/**
 * One row per tuple, fields {@link #VERSION} … {@link #BLOBS_MATCH}: the deep scan, and the fast scan of the rows
 * appended before V7 (without the deep checks). Chain format v2 encodes each field as PostgreSQL's binary protocol
 * sends the column, so a v2 row's unit must be its version tag followed by exactly the bytes of its columns in the
 * tuple: the deep walk compares them where they lie. A v3 row's unit must be its columns' bytes encoded in v3
 * ({@link CompactCanonical}, one reused buffer). A v2 row without a unit (appended before V7) is linked over its tag
 * and its columns.
 */
final class ColumnWalk extends ChainWalk {

    /** The tuple's fields, in the order {@link VerifyRepository#columnsOf} selects them. */
    static final int VERSION = 0, HASH = 1, PREV = 2, UNIT_FIELD = 3, FIRST_COLUMN = 4, SEQ = 5, EVENT_ID = 6,
            STATUS_AFTER = 15, OCCURRED_AT = 16, RECORDED_AT = 17, CAUSATION_ID = 18, KAFKA_TOPIC = 19,
            KAFKA_PARTITION = 20, KAFKA_OFFSET = 21, FACTS_HASH = 22, KEY_ID = 23, SEALED_HASH = 24,
            LAST_COLUMN = 24, BLOBS_MATCH = 25;

    private static final byte[] TAG_V2 = new Canonical().text(AuditRecord.VERSION_2).toBytes();

    /** A v3 row's columns encoded, to compare with its unit. */
    private final CompactCanonical v3 = new CompactCanonical();

    /** hash, prev_hash and unit of a v2 row from before V7, assembled (its unit is its tag and its columns). */
    private byte[] assembled = new byte[1024];

    private final boolean deep;
    private final long unitsFrom;

    /** @param unitsFrom the first seq from which every row must store its unit (rows from before V7 need not) */
    ColumnWalk(LinkCheck check, boolean deep, long unitsFrom) {
        super(check);
        this.deep = deep;
        this.unitsFrom = unitsFrom;
    }

    @Override
    public void tuple(byte[] buf, int[] fields, int count) {
        if (count != BLOBS_MATCH + 1) {
            throw new IllegalStateException("a row of " + count + " fields");
        }
        int version = CopyTuples.int16(buf, fields[VERSION] + 4);
        long seq = CopyTuples.int64(buf, fields[SEQ] + 4);
        int columnsFrom = fields[FIRST_COLUMN];
        int columnsTo = fields[LAST_COLUMN + 1];
        int unitLength = CopyTuples.int32(buf, fields[UNIT_FIELD]);
        String deepBroken = deep && buf[fields[BLOBS_MATCH] + 4] == 0 ? LinkCheck.BLOB_CHANGED : null;
        boolean broken;
        if (unitLength >= 0) {
            int unitFrom = fields[UNIT_FIELD] + 4;
            if (deep && deepBroken == null && !(version == 2
                    ? unitIsTagAndColumns(buf, unitFrom, unitLength, columnsFrom, columnsTo)
                    : version != 3 || unitIsColumnsInV3(buf, fields, unitFrom, unitLength))) {
                deepBroken = LinkCheck.COLUMNS_CHANGED;
            }
            broken = check.row(seq, buf, fields[HASH] + 4, fields[PREV] + 4, unitFrom, unitLength, deepBroken);
        } else {
            if (seq >= unitsFrom) {
                deepBroken = LinkCheck.UNIT_REMOVED;
            }
            int length = 64 + TAG_V2.length + columnsTo - columnsFrom;
            if (assembled.length < length) {
                assembled = new byte[length];
            }
            System.arraycopy(buf, fields[HASH] + 4, assembled, 0, ChainHash.LENGTH);
            System.arraycopy(buf, fields[PREV] + 4, assembled, ChainHash.LENGTH, ChainHash.LENGTH);
            System.arraycopy(TAG_V2, 0, assembled, 64, TAG_V2.length);
            System.arraycopy(buf, columnsFrom, assembled, 64 + TAG_V2.length, columnsTo - columnsFrom);
            broken = check.row(seq, assembled, 0, ChainHash.LENGTH, 64, length - 64, deepBroken);
        }
        if (broken) {
            int idLength = CopyTuples.int32(buf, fields[EVENT_ID]);
            brokenEventId = idLength < 0 ? null
                    : new String(buf, fields[EVENT_ID] + 4, idLength, StandardCharsets.UTF_8);
        }
    }

    /** The v3 encoding of the row's columns is its unit; false too when a column cannot be encoded (wrong width). */
    private boolean unitIsColumnsInV3(byte[] buf, int[] fields, int unitFrom, int unitLength) {
        CompactCanonical columns = v3.reset();
        try {
            text(columns, buf, fields, FIRST_COLUMN);
            fixed(columns, buf, fields, SEQ, 8, false);
            for (int field = EVENT_ID; field <= STATUS_AFTER; field++) {
                text(columns, buf, fields, field);
            }
            fixed(columns, buf, fields, OCCURRED_AT, 8, false);
            fixed(columns, buf, fields, RECORDED_AT, 8, false);
            text(columns, buf, fields, CAUSATION_ID);
            text(columns, buf, fields, KAFKA_TOPIC);
            fixed(columns, buf, fields, KAFKA_PARTITION, 4, true);
            fixed(columns, buf, fields, KAFKA_OFFSET, 8, true);
            fixed(columns, buf, fields, FACTS_HASH, ChainHash.LENGTH, false);
            fixed(columns, buf, fields, KEY_ID, 16, true);
            fixed(columns, buf, fields, SEALED_HASH, ChainHash.LENGTH, true);
        } catch (IllegalArgumentException columnOfTheWrongWidth) {
            return false;
        }
        return columns.equalsSlice(buf, unitFrom, unitLength);
    }

    private static void text(CompactCanonical to, byte[] buf, int[] fields, int field) {
        to.text(buf, fields[field] + 4, CopyTuples.int32(buf, fields[field]));
    }

    private static void fixed(CompactCanonical to, byte[] buf, int[] fields, int field, int width,
            boolean optional) {
        int length = CopyTuples.int32(buf, fields[field]);
        if (optional) {
            to.optionalFixed(buf, fields[field] + 4, length, width);
        } else {
            to.fixed(buf, fields[field] + 4, length, width);
        }
    }

    private static boolean unitIsTagAndColumns(byte[] buf, int unitFrom, int unitLength, int columnsFrom,
            int columnsTo) {
        int tagEnd = unitFrom + TAG_V2.length;
        return unitLength == TAG_V2.length + columnsTo - columnsFrom
                && Arrays.equals(buf, unitFrom, tagEnd, TAG_V2, 0, TAG_V2.length)
                && Arrays.equals(buf, tagEnd, unitFrom + unitLength, buf, columnsFrom, columnsTo);
    }
}
