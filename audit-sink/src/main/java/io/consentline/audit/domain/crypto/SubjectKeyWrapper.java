package io.consentline.audit.domain.crypto;

import java.util.Base64;

/**
 * Wraps per-subject data keys under the service's key-encryption key, so the {@code subject_key} table alone
 * (a backup, a dump) reveals nothing. A wrapped key is bound to its owner (tenant + identifier hash).
 */
public final class SubjectKeyWrapper {

    private final byte[] keyEncryptionKey;

    public SubjectKeyWrapper(String base64Key) {
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalArgumentException("a key-wrapping key is required");
        }
        this.keyEncryptionKey = Base64.getDecoder().decode(base64Key.trim());
        if (keyEncryptionKey.length != Envelope.KEY_BYTES) {
            throw new IllegalArgumentException("the key-wrapping key must have 256 bits");
        }
    }

    public byte[] wrap(byte[] subjectKey, String tenant, String identifierHash) {
        return Envelope.seal(keyEncryptionKey, subjectKey, owner(tenant, identifierHash));
    }

    public byte[] unwrap(byte[] wrapped, String tenant, String identifierHash) {
        return Envelope.open(keyEncryptionKey, wrapped, owner(tenant, identifierHash));
    }

    private static String owner(String tenant, String identifierHash) {
        return "subject-key\u0000" + tenant + "\u0000" + identifierHash;
    }
}
