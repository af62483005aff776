package io.consentline.audit.repository;

import io.consentline.audit.domain.chain.LinkCheck;

/**
 * The fast scan's tuples: each a group of rows, in seq order, as one field of their links as PostgreSQL recomputed
 * them. Per row: its seq (8 bytes), hash and prev_hash (32 each; 64 zero bytes if either is not 32 bytes long,
 * which no link matches) and one byte, 1 when SHA-256(prev_hash || unit) is its hash, else 0. The field is null for
 * a group whose rows are all missing. Each row's seq is checked (rows missing or out of order show as such), and
 * each prev_hash against the hash of the row before (see {@link LinkCheck}). The event id of a broken row is not
 * in the stream: {@link VerifyRepository} looks it up.
 */
final class LinkedWalk extends ChainWalk {

    /** Fields per tuple. */
    static final int FIELDS = 1;

    /** Bytes per row. */
    static final int ROW = 8 + 32 + 32 + 1;

    private static final int SEQ = 0, HASH = 8, PREV = 40, HOLDS = 72;

    LinkedWalk(LinkCheck check) {
        super(check);
    }

    @Override
    public void tuple(byte[] buf, int[] fields, int count) {
        if (count != FIELDS) {
            throw new IllegalStateException("a group of " + count + " fields");
        }
        int length = CopyTuples.int32(buf, fields[0]);
        if (length < 0) {
            return; // no rows in this group
        }
        if (length % ROW != 0) {
            throw new IllegalStateException("a row cut short in a group of the chain");
        }
        int from = fields[0] + 4;
        for (int row = from; row < from + length; row += ROW) {
            byte holds = buf[row + HOLDS];
            if (holds != 0 && holds != 1) {
                throw new IllegalStateException("a link neither holding nor broken in a group of the chain");
            }
            check.row(CopyTuples.int64(buf, row + SEQ), buf, row + HASH, row + PREV, holds == 1);
        }
    }
}
