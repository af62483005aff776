package io.consentline.audit.domain.checkpoint;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every public key that checkpoints of this log may be signed with, by key id: the signing key's, and the keys
 * it replaced. After a key rotation the old checkpoints, and the copies outsiders keep of them, must still
 * verify; a key that is not listed here verifies nothing. The list comes from configuration, not from the
 * database, so whoever can write to the database cannot add a key of their own.
 */
public final class CheckpointKeys {

    private final CheckpointSigner signer;
    private final Map<String, byte[]> keys;

    /**
     * @param retired raw Ed25519 public keys (base64url, the JWK's {@code x}) of the signing keys used before
     */
    public CheckpointKeys(CheckpointSigner signer, List<String> retired) {
        this.signer = signer;
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put(signer.keyId(), Base64.getUrlDecoder().decode(signer.publicKeyX()));
        for (String x : retired) {
            byte[] raw = decode(x);
            all.putIfAbsent(CheckpointSigner.thumbprint(raw), raw);
        }
        this.keys = Collections.unmodifiableMap(all);
    }

    /** True when the checkpoint's signature verifies with the key its key id names, if that key is one of ours. */
    public boolean verify(Checkpoint checkpoint) {
        byte[] key = keys.get(checkpoint.keyId());
        return key != null && CheckpointSigner.verify(key, checkpoint);
    }

    /** Raw public keys by key id, the signing key first. */
    public Map<String, byte[]> all() {
        return keys;
    }

    public CheckpointSigner signer() {
        return signer;
    }

    private static byte[] decode(String x) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(x.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a retired checkpoint key is not base64url", e);
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("a retired checkpoint key is not a raw 32-byte Ed25519 public key");
        }
        return raw;
    }
}
