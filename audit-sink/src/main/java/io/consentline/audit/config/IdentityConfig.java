package io.consentline.audit.config;

import io.smallrye.config.ConfigMapping;

/** How identifiers are turned into lookup keys. */
@ConfigMapping(prefix = "consentline.identity")
public interface IdentityConfig {

    /**
     * Base64 key (at least 128 bits) for the keyed hash of identifiers: the same key as consent-service's, so
     * that a compliance officer finds a person by the identifier they know. A secret: set it through the
     * environment ({@code CONSENTLINE_IDENTITY_HMAC_KEY}), never in a file under version control.
     */
    String hmacKey();
}
