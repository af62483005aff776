package io.consentline.audit.domain.chain;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Walks one range of a tenant's chain row by row, in seq order, and finds the first row whose link does not
 * hold: its seq does not follow the previous row's (rows were deleted), its hash is not SHA-256(prevHash || unit)
 * (it was changed), its prevHash is not the previous row's hash (rows were swapped or rewritten), or — in a deep
 * walk — its facts or sealed data no longer match the digests its unit covers, or its columns no longer match its
 * unit. Pure and allocation-free per row: the caller hands it slices of the rows as they arrive.
 *
 * <p>When {@code fromSeq} is above 1, the walk starts with the row before it (the anchor), which is not itself
 * checked: its hash is what the first checked row must link to.
 */
public final class LinkCheck {

    public static final String MISSING = "rows are missing before this one";
    public static final String CHANGED = "the row does not hash to its stored hash: it was changed after it was appended";
    public static final String RELINKED = "prev_hash is not the hash of the previous row";
    public static final String BLOB_CHANGED = "its facts or sealed data no longer match the digests its link covers: "
            + "they were changed after it was appended";
    public static final String UNIT_REMOVED = "its unit (the bytes its link covers) is gone: it was changed after it "
            + "was appended";
    public static final String COLUMNS_CHANGED = "its columns no longer match the fields its link covers (its unit): "
            + "they were changed after it was appended; reads show the fields as linked, searches by the columns "
            + "may miss or misplace the row";

    private final long fromSeq;
    private final MessageDigest sha256 = ChainHash.sha256();
    private final byte[] computed = new byte[ChainHash.LENGTH];
    private final byte[] lastHash = new byte[ChainHash.LENGTH];
    private long lastSeq = -1;
    private long checked;
    private long brokenSeq = -1;
    private String brokenReason;

    public LinkCheck(long fromSeq) {
        this.fromSeq = fromSeq;
    }

    /**
     * One row, as slices of {@code buf}.
     *
     * @param unitOff where the bytes its link covers start (its canonical encoding, version tag first)
     * @param deepBroken in a deep walk, why the row's blobs or columns do not match its unit; null when they do
     * @return true when this row is the first broken one
     */
    public boolean row(long seq, byte[] buf, int hashOff, int prevOff, int unitOff, int unitLen, String deepBroken) {
        if (seq < fromSeq) { // the anchor
            return anchor(seq, buf, hashOff);
        }
        return judge(seq, buf, hashOff, prevOff, hashHolds(buf, hashOff, prevOff, unitOff, unitLen) ? null : CHANGED,
                deepBroken);
    }

    /**
     * One row whose seq is read from its own unit (the fast scan sends no seq column): {@code unitSeq}, or -1 when
     * the unit does not tell it. A unit that does not hash to the row's hash is no witness of its seq, so such a row
     * is judged at the position it holds in the stream ({@link #expectedSeq()}), as is a row without a unit
     * ({@code unitLen < 0}: {@link #UNIT_REMOVED}). Only the first row can be the anchor.
     */
    public boolean rowOfUnit(long unitSeq, byte[] buf, int hashOff, int prevOff, int unitOff, int unitLen) {
        boolean holds = unitLen >= 0 && hashHolds(buf, hashOff, prevOff, unitOff, unitLen);
        long seq = holds && unitSeq >= 0 ? unitSeq : expectedSeq();
        if (lastSeq < 0 && fromSeq > 1 && seq == fromSeq - 1) {
            return anchor(seq, buf, hashOff);
        }
        return judge(seq, buf, hashOff, prevOff, holds ? null : unitLen < 0 ? UNIT_REMOVED : CHANGED, null);
    }

    /** The seq the next row must have: the one after the last row, or the anchor's or first row's at the start. */
    public long expectedSeq() {
        return lastSeq >= 0 ? lastSeq + 1 : fromSeq > 1 ? fromSeq - 1 : fromSeq;
    }

    private boolean anchor(long seq, byte[] buf, int hashOff) {
        System.arraycopy(buf, hashOff, lastHash, 0, ChainHash.LENGTH);
        lastSeq = seq;
        return false;
    }

    /**
     * @param linkBroken why the row's own link does not hold ({@link #CHANGED}, {@link #UNIT_REMOVED}); null if it does
     */
    private boolean judge(long seq, byte[] buf, int hashOff, int prevOff, String linkBroken, String deepBroken) {
        checked++;
        String reason = null;
        boolean seqOk = lastSeq < 0 ? seq == fromSeq : seq == lastSeq + 1;
        if (!seqOk || lastSeq < 0 && fromSeq > 1) {
            reason = MISSING;
        } else if (linkBroken != null) {
            reason = linkBroken;
        } else if (!Arrays.equals(buf, prevOff, prevOff + ChainHash.LENGTH, lastSeq < 0 ? ChainHash.genesis()
                : lastHash, 0, ChainHash.LENGTH)) {
            reason = RELINKED;
        } else if (deepBroken != null) {
            reason = deepBroken;
        }
        System.arraycopy(buf, hashOff, lastHash, 0, ChainHash.LENGTH);
        lastSeq = seq;
        if (reason != null && brokenSeq < 0) {
            brokenSeq = seq;
            brokenReason = reason;
            return true;
        }
        return false;
    }

    private boolean hashHolds(byte[] buf, int hashOff, int prevOff, int unitOff, int unitLen) {
        sha256.update(buf, prevOff, ChainHash.LENGTH);
        sha256.update(buf, unitOff, unitLen);
        try {
            sha256.digest(computed, 0, ChainHash.LENGTH);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException(e);
        }
        return Arrays.equals(buf, hashOff, hashOff + ChainHash.LENGTH, computed, 0, ChainHash.LENGTH);
    }

    /** Rows checked so far (the anchor not counted). */
    public long checked() {
        return checked;
    }

    /** The first broken row's seq; -1 while all hold. */
    public long brokenSeq() {
        return brokenSeq;
    }

    public String brokenReason() {
        return brokenReason;
    }
}
