package io.consentline.audit.domain.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The links of a hash chain: {@code hash = SHA-256(prevHash || canonical(row))}; the first row's
 * {@code prevHash} is {@link #genesis()} (32 zero bytes).
 */
public final class ChainHash {

    public static final int LENGTH = 32;

    private ChainHash() {
    }

    public static byte[] genesis() {
        return new byte[LENGTH];
    }

    /** One digest per thread for the hot paths (looking an algorithm up by name costs more than a short hash). */
    private static final ThreadLocal<MessageDigest> PER_THREAD = ThreadLocal.withInitial(ChainHash::sha256);

    public static byte[] link(byte[] prevHash, byte[] canonical) {
        MessageDigest sha256 = PER_THREAD.get();
        sha256.update(prevHash);
        return sha256.digest(canonical); // digest() also resets it for the next use
    }

    /** SHA-256 of the bytes. */
    public static byte[] digest(byte[] bytes) {
        return PER_THREAD.get().digest(bytes);
    }

    public static String hex(byte[] hash) {
        return hash == null ? null : HexFormat.of().formatHex(hash);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
