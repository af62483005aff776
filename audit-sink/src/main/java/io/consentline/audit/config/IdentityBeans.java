package io.consentline.audit.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.consentline.kit.identity.IdentifierHasher;

/** Wires the identifier hasher from its configured key. */
public class IdentityBeans {

    @Produces
    @Singleton
    IdentifierHasher identifierHasher(IdentityConfig config) {
        return new IdentifierHasher(config.hmacKey());
    }
}
