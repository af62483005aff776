package io.consentline.audit.domain.chain;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Walks one range of a tenant's chain row by row, in seq order, and finds the first row whose link does not
 * hold: its seq does not follow the previous row's (rows were deleted), its hash is not
 * SHA-256(prevHash || canonical) (it was changed), its prevHash is not the previous row's hash (rows were
 * swapped or rewritten), or — in a deep walk — its facts or sealed data no longer match the digests its v2 link
 * covers. Pure and allocation-free per row: the caller hands it slices of the rows as they arrive.
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

    private static final byte[] TAG_V2 = new Canonical().text(AuditRecord.VERSION_2).toBytes();

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
     * @param canonicalOff where the row's canonical bytes start; for v2 rows without the leading version tag
     *        (the check adds it), for v1 rows complete
     * @param blobsOk false when a deep walk found the blobs not matching their digests
     * @return true when this row is the first broken one
     */
    public boolean row(long seq, int version, byte[] buf, int hashOff, int prevOff, int canonicalOff,
            int canonicalLen, boolean blobsOk) {
        if (seq < fromSeq) { // the anchor
            System.arraycopy(buf, hashOff, lastHash, 0, ChainHash.LENGTH);
            lastSeq = seq;
            return false;
        }
        checked++;
        String reason = null;
        boolean seqOk = lastSeq < 0 ? seq == fromSeq : seq == lastSeq + 1;
        if (!seqOk || lastSeq < 0 && fromSeq > 1) {
            reason = MISSING;
        } else if (!hashHolds(version, buf, hashOff, prevOff, canonicalOff, canonicalLen)) {
            reason = CHANGED;
        } else if (!Arrays.equals(buf, prevOff, prevOff + ChainHash.LENGTH, lastSeq < 0 ? ChainHash.genesis()
                : lastHash, 0, ChainHash.LENGTH)) {
            reason = RELINKED;
        } else if (!blobsOk) {
            reason = BLOB_CHANGED;
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

    private boolean hashHolds(int version, byte[] buf, int hashOff, int prevOff, int canonicalOff, int canonicalLen) {
        if (canonicalLen < 0) {
            return false;
        }
        sha256.update(buf, prevOff, ChainHash.LENGTH);
        if (version != 1) {
            sha256.update(TAG_V2);
        }
        sha256.update(buf, canonicalOff, canonicalLen);
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
