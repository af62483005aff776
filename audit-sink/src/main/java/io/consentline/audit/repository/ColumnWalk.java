package io.consentline.audit.repository;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.Canonical;
import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.chain.LinkCheck;

/**
 * One row per tuple, fields {@link #VERSION} … {@link #BLOBS_MATCH}: the deep scan, and the fast scan of the rows
 * appended before V7 (without the deep checks). Chain format v2 encodes each field as PostgreSQL's binary protocol
 * sends the column, so a v2 row's unit must be its version tag followed by exactly the bytes of its columns in the
 * tuple: the deep walk compares them where they lie. A v2 row without a unit (appended before V7) is linked over
 * its tag and its columns.
 */
final class ColumnWalk extends ChainWalk {

    /** The tuple's fields, in the order {@link VerifyRepository#columnsOf} selects them. */
    static final int VERSION = 0, HASH = 1, PREV = 2, UNIT_FIELD = 3, FIRST_COLUMN = 4, SEQ = 5, EVENT_ID = 6,
            LAST_COLUMN = 24, BLOBS_MATCH = 25;

    private static final byte[] TAG_V2 = new Canonical().text(AuditRecord.VERSION_2).toBytes();

    /** hash, prev_hash and unit of a v2 row from before V7, assembled (its unit is its tag and its columns). */
    private byte[] assembled = new byte[1024];

    private final boolean deep;

    ColumnWalk(LinkCheck check, boolean deep) {
        super(check);
        this.deep = deep;
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
            if (deep && deepBroken == null && version == 2
                    && !unitIsTagAndColumns(buf, unitFrom, unitLength, columnsFrom, columnsTo)) {
                deepBroken = LinkCheck.COLUMNS_CHANGED;
            }
            broken = check.row(seq, buf, fields[HASH] + 4, fields[PREV] + 4, unitFrom, unitLength, deepBroken);
        } else {
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

    private static boolean unitIsTagAndColumns(byte[] buf, int unitFrom, int unitLength, int columnsFrom,
            int columnsTo) {
        int tagEnd = unitFrom + TAG_V2.length;
        return unitLength == TAG_V2.length + columnsTo - columnsFrom
                && Arrays.equals(buf, unitFrom, tagEnd, TAG_V2, 0, TAG_V2.length)
                && Arrays.equals(buf, tagEnd, unitFrom + unitLength, buf, columnsFrom, columnsTo);
    }
}
