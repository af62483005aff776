package io.consentline.audit.repository;

import java.nio.charset.StandardCharsets;

import io.consentline.audit.domain.chain.CompactCanonical;
import io.consentline.audit.domain.chain.LinkCheck;

/**
 * The fast scan's tuples: each a group of rows as two fields, their heads and their units, each concatenated in
 * seq order. A row's head is its hash and prev_hash (32 bytes each; 64 zero bytes if either is not 32 bytes long,
 * which no link matches) and its unit's length (4; -1 for a row without a unit); its unit follows the previous row's
 * in the second field. Both fields are null for a group whose rows are all missing. A row's seq is read from its
 * unit, which every chain format starts with its tag, tenant and seq ({@link #seqOf}), so rows out of order or
 * missing show as such; the database spends no work on a seq column. The event id of a broken row is read from its
 * unit too.
 */
final class PackedWalk extends ChainWalk {

    /** Fields per tuple. */
    static final int FIELDS = 2;

    private static final int HASH = 0, PREV = 32, UNIT_LENGTH = 64, HEAD = 68;

    PackedWalk(LinkCheck check) {
        super(check);
    }

    @Override
    public void tuple(byte[] buf, int[] fields, int count) {
        if (count != FIELDS) {
            throw new IllegalStateException("a group of " + count + " fields");
        }
        int heads = CopyTuples.int32(buf, fields[0]);
        int units = CopyTuples.int32(buf, fields[1]);
        if (heads > 0) {
            group(buf, fields[0] + 4, fields[0] + 4 + heads, fields[1] + 4, fields[1] + 4 + Math.max(units, 0));
        } else if (units > 0) {
            throw new IllegalStateException("units without rows in a group of the chain");
        }
    }

    private void group(byte[] buf, int headFrom, int headTo, int unitFrom, int unitTo) {
        int unit = unitFrom;
        for (int head = headFrom; head < headTo; head += HEAD) {
            if (headTo - head < HEAD) {
                throw new IllegalStateException("a row cut short in a group of the chain");
            }
            int unitLength = CopyTuples.int32(buf, head + UNIT_LENGTH);
            if (unitLength < -1 || unitLength > unitTo - unit) {
                throw new IllegalStateException("a unit of " + unitLength + " bytes in a group of the chain");
            }
            long seq = unitLength < 0 ? -1 : seqOf(buf, unit, unitLength);
            if (check.rowOfUnit(seq, buf, head + HASH, head + PREV, unit, unitLength)) {
                brokenEventId = unitLength < 0 ? null : eventIdOf(buf, unit, unitLength);
            }
            unit += Math.max(unitLength, 0);
        }
        if (unit != unitTo) {
            throw new IllegalStateException("units left over in a group of the chain");
        }
    }

    /**
     * The seq in a v2 or v3 unit (its third field: 8 bytes, in v2 after their length; only rows of these formats
     * store a unit); -1 when the unit is too broken to tell.
     */
    static long seqOf(byte[] buf, int from, int length) {
        int end = from + length;
        if (length > 0 && buf[from] == CompactCanonical.TAG) {
            int at = CompactCanonical.afterText(buf, from + 1, end);
            return at < 0 || end - at < 8 ? -1 : CopyTuples.int64(buf, at);
        }
        int at = afterFields(buf, from, end, 2);
        return at >= 0 && end - at >= 12 && CopyTuples.int32(buf, at) == 8 ? CopyTuples.int64(buf, at + 4) : -1;
    }

    /** The event id in a unit (its fourth field, in every format); null when the unit is too broken to tell. */
    static String eventIdOf(byte[] buf, int from, int length) {
        if (length > 0 && buf[from] == CompactCanonical.TAG) {
            try {
                CompactCanonical.Reader unit = new CompactCanonical.Reader(buf, from, length);
                unit.text(); // tenant
                unit.int64(); // seq
                return unit.text();
            } catch (IllegalArgumentException tooBroken) {
                return null;
            }
        }
        int end = from + length;
        int at = afterFields(buf, from, end, 3);
        if (at < 0 || end - at < 4) {
            return null;
        }
        int idLength = CopyTuples.int32(buf, at);
        return idLength < 0 || idLength > end - at - 4 ? null
                : new String(buf, at + 4, idLength, StandardCharsets.UTF_8);
    }

    /**
     * Where a v1 or v2 unit's field number {@code count} (from 0) starts, after {@code count} length-prefixed fields
     * (an absent one, length -1, has no bytes); -1 when the unit ends first.
     */
    private static int afterFields(byte[] buf, int at, int end, int count) {
        for (int field = 0; field < count; field++) {
            if (end - at < 4 || CopyTuples.int32(buf, at) > end - at - 4) {
                return -1;
            }
            at += 4 + Math.max(CopyTuples.int32(buf, at), 0);
        }
        return at;
    }
}
