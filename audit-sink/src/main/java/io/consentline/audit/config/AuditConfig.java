package io.consentline.audit.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit log's keys and checkpoints. */
@ConfigMapping(prefix = "consentline.audit")
public interface AuditConfig {

    /**
     * Base64 AES-256 key that wraps the per-subject data keys in {@code subject_key}. A secret: set it through
     * the environment ({@code CONSENTLINE_AUDIT_KEY_WRAPPING_KEY}). Losing it makes every subject's sealed data
     * unreadable (the log still verifies).
     */
    String keyWrappingKey();

    /**
     * How many subject keys appends keep unwrapped in memory, so that subjects seen lately are sealed without a
     * database round trip (about 300 bytes each; 0 turns it off). A key is used from memory only while its tenant
     * has had no erasure since it was read (see SubjectKeyCache).
     */
    @WithDefault("50000")
    int subjectKeyCacheSize();

    Checkpoints checkpoint();

    /** Signed checkpoints of the chain heads. */
    interface Checkpoints {

        /**
         * Base64 PKCS#8 Ed25519 private key that signs checkpoints ({@code CONSENTLINE_AUDIT_CHECKPOINT_SIGNING_KEY}).
         * A secret. Without it a key is made per process, with a warning: checkpoints then cannot be verified
         * with a key published before a restart. Never in production.
         */
        Optional<String> signingKey();

        /**
         * The public keys of signing keys used before a rotation, as raw Ed25519 keys in base64url (the {@code x}
         * of their JWK at {@code /v1/audit/keys}), comma-separated
         * ({@code CONSENTLINE_AUDIT_CHECKPOINT_RETIRED_PUBLIC_KEYS}). Checkpoints they signed keep verifying, and
         * the key endpoint keeps listing them. Not secret.
         */
        Optional<List<String>> retiredPublicKeys();

        /** How often chains that grew get a new checkpoint. */
        @WithDefault("60s")
        Duration interval();

        /**
         * How often checkpoints that are stored but not yet on {@code audit.checkpoints.v1} (Kafka was
         * unreachable) are published again.
         */
        @WithDefault("10s")
        Duration publishRetry();
    }
}
