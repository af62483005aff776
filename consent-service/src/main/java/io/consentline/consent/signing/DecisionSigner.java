package io.consentline.consent.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import io.consentline.consent.config.SigningConfig;
import io.consentline.consent.domain.Decision;
import io.consentline.consent.domain.Reason;
import io.consentline.events.Channel;
import io.consentline.events.Identifier;
import io.consentline.kit.signing.JwsSigner;

/**
 * Signs decision tokens (JWS, EdDSA with Ed25519): compact proof that a dialer checked a number before calling,
 * which it stores with the call record. Anyone can verify one later with the public key from {@code /v1/keys}.
 * The identifier is hashed (SHA-256 of its normalised value), so the token itself carries no phone number.
 */
@ApplicationScoped
public class DecisionSigner {

    public static final String ISSUER = "consentline/consent-service";

    private final JwsSigner signer;

    DecisionSigner(SigningConfig config) {
        this.signer = new JwsSigner(config.jwk(), "consentline.decision-signing.jwk");
    }

    /** The signed decision token for one answer. */
    public String sign(String tenant, Identifier identifier, String purpose, Channel channel, Decision decision) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAt(NumericDate.fromMilliseconds(decision.at().toEpochMilli()));
        claims.setStringClaim("tenant", tenant);
        claims.setStringClaim("identifierType", identifier.type().wireName());
        claims.setStringClaim("identifierHash", identifierHash(identifier));
        claims.setStringClaim("channel", channel.wireName());
        claims.setStringClaim("purpose", purpose);
        claims.setStringClaim("decision", decision.outcome().name());
        claims.setStringListClaim("reasons", decision.reasons().stream().map(Reason::name).toList());
        claims.setStringClaim("at", decision.at().toString());
        if (decision.decidedBy() != null) {
            claims.setClaim("recordId", decision.decidedBy().recordId());
        }
        return sign(claims);
    }

    /** Signs arbitrary claims with the service key (e.g. bulk-check trailers). */
    public String sign(JwtClaims claims) {
        return signer.sign(claims);
    }

    /** The verification keys as a JWK set. */
    public String jwks() {
        return signer.jwks();
    }

    /** SHA-256 (hex) of the normalised identifier value: a verifier hashes the number it called and compares. */
    public static String identifierHash(Identifier identifier) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(identifier.value().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
