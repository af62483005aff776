package io.consentline.gateway.config;

import java.util.Base64;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.consentline.gateway.domain.otp.CodeHasher;
import io.consentline.kit.identity.IdentifierHasher;

/** Wires the keyed hashes from the identity key. */
public class IdentityBeans {

    @Produces
    @Singleton
    IdentifierHasher identifierHasher(IdentityConfig config) {
        return new IdentifierHasher(config.hmacKey());
    }

    @Produces
    @Singleton
    CodeHasher codeHasher(IdentityConfig config) {
        return new CodeHasher(Base64.getDecoder().decode(config.hmacKey().trim()));
    }
}
