package io.consentline.audit.config;

import java.time.Duration;
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

    Checkpoints checkpoint();

    /** Signed checkpoints of the chain heads. */
    interface Checkpoints {

        /**
         * Base64 PKCS#8 Ed25519 private key that signs checkpoints ({@code CONSENTLINE_AUDIT_CHECKPOINT_SIGNING_KEY}).
         * A secret. Without it a key is made per process, with a warning: checkpoints then cannot be verified
         * with a key published before a restart. Never in production.
         */
        Optional<String> signingKey();

        /** How often chains that grew get a new checkpoint. */
        @WithDefault("60s")
        Duration interval();
    }
}
