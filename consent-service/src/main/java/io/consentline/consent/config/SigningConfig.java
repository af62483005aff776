package io.consentline.consent.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The key that signs decision tokens. */
@ConfigMapping(prefix = "consentline.decision-signing")
public interface SigningConfig {

    /**
     * The private signing key as an Ed25519 OKP JWK (JSON with {@code d}), e.g. from
     * {@code CONSENTLINE_DECISION_SIGNING_JWK}. A secret: set it through the environment. When absent, a key
     * is made at start-up and lost at shutdown (its tokens can no longer be verified): fine for tests, never
     * for production.
     */
    Optional<String> jwk();
}
