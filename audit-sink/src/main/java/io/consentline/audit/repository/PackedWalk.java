package io.consentline.audit.repository;

import java.nio.charset.StandardCharsets;

import io.consentline.audit.domain.chain.LinkCheck;

/**
 * The fast scan's tuples: each a group of rows packed as seq (8 bytes), hash and prev_hash (32 each; 64 zero
 * bytes if either is not 32 bytes long, which no link matches), the unit's length (4) and the unit; null for a group whose rows are all missing. Rows out of order or missing show as such: each row's seq is
 * checked. The event id of a broken row is read from its unit.
 */
final class PackedWalk extends ChainWalk {

    private static final int SEQ = 0, HASH = 8, PREV = 40, UNIT_LENGTH = 72, UNIT = 76;

    PackedWalk(LinkCheck check) {
        super(check);
    }

    @Override
    public void tuple(byte[] buf, int[] fields, int count) {
        int length = CopyTuples.int32(buf, fields[0]);
        if (count != 1) {
            throw new IllegalStateException("a group of " + count + " fields");
        }
        if (length > 0) {
            group(buf, fields[0] + 4, fields[0] + 4 + length);
        }
    }

    private void group(byte[] buf, int from, int to) {
        int at = from;
        while (at < to) {
            if (to - at < UNIT) {
                throw new IllegalStateException("a row cut short in a group of the chain");
            }
            int unitLength = CopyTuples.int32(buf, at + UNIT_LENGTH);
            if (unitLength < 0 || unitLength > to - at - UNIT) {
                throw new IllegalStateException("a unit of " + unitLength + " bytes in a group of the chain");
            }
            if (check.row(CopyTuples.int64(buf, at + SEQ), buf, at + HASH, at + PREV, at + UNIT, unitLength,
                    null)) {
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
