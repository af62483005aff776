package io.consentline.gateway.domain.otp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash (HMAC-SHA256) of a one-time code, bound to its challenge: the database never holds a code, and a
 * stolen table cannot be searched through the million possible codes without the key.
 */
public final class CodeHasher {

    private final byte[] key;

    public CodeHasher(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the code key must have at least 128 bits");
        }
        this.key = key.clone();
    }

    public String hash(String challengeId, String code) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            // "otp-code" separates these from identifier hashes made with the same key
            String input = "otp-code\u0000" + challengeId + "\u0000" + code;
            return HexFormat.of().formatHex(mac.doFinal(input.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Constant-time comparison of two hashes. */
    public static boolean same(String a, String b) {
        return a != null && b != null
                && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
