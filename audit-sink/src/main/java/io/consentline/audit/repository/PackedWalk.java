package io.consentline.audit.repository;

import java.nio.charset.StandardCharsets;

import io.consentline.audit.domain.chain.CompactCanonical;
import io.consentline.audit.domain.chain.LinkCheck;

/**
 * The fast scan's tuples: each a group of rows as two fields, their heads and their units, each concatenated in
 * seq order. A row's head is its seq (8 bytes), hash and prev_hash (32 each; 64 zero bytes if either is not 32
 * bytes long, which no link matches) and its unit's length (4); its unit follows the previous row's in the second
 * field. Both fields are null for a group whose rows are all missing. Rows out of order or missing show as such:
 * each row's seq is checked. The event id of a broken row is read from its unit.
 */
final class PackedWalk extends ChainWalk {

    /** Fields per tuple. */
    static final int FIELDS = 2;

    private static final int SEQ = 0, HASH = 8, PREV = 40, UNIT_LENGTH = 72, HEAD = 76;

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
            if (unitLength < 0 || unitLength > unitTo - unit) {
                throw new IllegalStateException("a unit of " + unitLength + " bytes in a group of the chain");
            }
            if (check.row(CopyTuples.int64(buf, head + SEQ), buf, head + HASH, head + PREV, unit, unitLength,
                    null)) {
                brokenEventId = eventIdOf(buf, unit, unitLength);
            }
            unit += unitLength;
        }
        if (unit != unitTo) {
            throw new IllegalStateException("units left over in a group of the chain");
        }
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
        int at = from;
        int end = from + length;
        for (int field = 0; field < 3; field++) {
            if (end - at < 4) {
                return null;
            }
            at += 4 + Math.max(CopyTuples.int32(buf, at), 0);
        }
        if (end - at < 4) {
            return null;
        }
        int idLength = CopyTuples.int32(buf, at);
        return idLength < 0 || idLength > end - at - 4 ? null
                : new String(buf, at + 4, idLength, StandardCharsets.UTF_8);
    }
}
