package io.consentline.kit.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.consentline.events.Identifier;

/**
 * Keyed hash (HMAC-SHA256) of a normalised identifier, per tenant: lookup indexes hold these, never the
 * readable phone number or email. Without the key, the hash cannot be reversed by trying every number.
 */
public final class IdentifierHasher {

    private final byte[] key;

    public IdentifierHasher(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("an identifier HMAC key is required");
        }
        this.key = Base64.getDecoder().decode(base64Key.trim());
        if (key.length < 16) {
            throw new IllegalArgumentException("the identifier HMAC key must have at least 128 bits");
        }
    }

    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    /** Hex of the keyed hash: the form lookup tables keep. */
    public String hash(String tenant, Identifier identifier) {
        return HexFormat.of().formatHex(hashBytes(tenant, identifier));
    }

    /** The raw 32 bytes of the keyed hash, for compact bulk tables. */
    public byte[] hashBytes(String tenant, Identifier identifier) {
        String input = tenant + "\u0000" + identifier.type().wireName() + "\u0000" + identifier.value();
        return macs.get().doFinal(input.getBytes(StandardCharsets.UTF_8));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
