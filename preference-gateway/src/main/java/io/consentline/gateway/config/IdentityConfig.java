package io.consentline.gateway.config;

import io.smallrye.config.ConfigMapping;

/** How identifiers are turned into keys that hold no readable personal data. */
@ConfigMapping(prefix = "consentline.identity")
public interface IdentityConfig {

    /**
     * Base64 key (at least 128 bits) of the keyed hash of identifiers; the same as consent-service's. A secret:
     * set it through the environment ({@code CONSENTLINE_IDENTITY_HMAC_KEY}).
     */
    String hmacKey();
}
