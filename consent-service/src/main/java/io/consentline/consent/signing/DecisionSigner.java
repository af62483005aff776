package io.consentline.consent.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Security;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jboss.logging.Logger;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import io.consentline.consent.config.SigningConfig;
import io.consentline.consent.domain.Decision;
import io.consentline.consent.domain.Reason;
import io.consentline.events.Channel;
import io.consentline.events.Identifier;

/**
 * Signs decision tokens (JWS, EdDSA with Ed25519): compact proof that a dialer checked a number before calling, which it
 * stores with the call record. Anyone can verify one later with the public key from {@code /v1/keys}.
 * The identifier is hashed (SHA-256 of its normalised value), so the token itself carries no phone number.
 */
@ApplicationScoped
public class DecisionSigner {

    public static final String ISSUER = "consentline/consent-service";
    private static final Logger LOG = Logger.getLogger(DecisionSigner.class);

    private final PrivateKey privateKey;
    private final OctetKeyPairJsonWebKey publicJwk;
    private final String keyId;
    private final ProviderContext bouncyCastle = new ProviderContext();

    DecisionSigner(SigningConfig config) {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        // Signing is on every check's path: Bouncy Castle's Ed25519 signs in ~80 us, the JDK's in ~900 us.
        bouncyCastle.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        KeyPair pair = config.jwk().map(DecisionSigner::load).orElseGet(() -> {
            LOG.warn("No consentline.decision-signing.jwk configured: decision tokens are signed with a "
                    + "key made for this process only");
            return generate();
        });
        this.privateKey = pair.getPrivate();
        try {
            this.publicJwk = (OctetKeyPairJsonWebKey) JsonWebKey.Factory.newJwk(pair.getPublic());
            this.keyId = publicJwk.calculateBase64urlEncodedThumbprint("SHA-256");
            publicJwk.setKeyId(keyId);
            publicJwk.setUse("sig");
            publicJwk.setAlgorithm(AlgorithmIdentifiers.EDDSA);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
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
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setKeyIdHeaderValue(keyId);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.EDDSA);
        jws.setProviderContext(bouncyCastle);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a decision token", e);
        }
    }

    /** The verification keys as a JWK set. */
    public String jwks() {
        return new JsonWebKeySet(List.of(publicJwk)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
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

    private static KeyPair load(String jwkJson) {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(jwkJson.trim());
            if (!(jwk instanceof OctetKeyPairJsonWebKey okp) || okp.getPrivateKey() == null
                    || !OctetKeyPairJsonWebKey.SUBTYPE_ED25519.equals(okp.getSubtype())) {
                throw new IllegalStateException("consentline.decision-signing.jwk must be a private Ed25519 (OKP) JWK");
            }
            return new KeyPair(okp.getPublicKey(), okp.getPrivateKey());
        } catch (JoseException e) {
            throw new IllegalStateException("consentline.decision-signing.jwk is not a JWK", e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For tests and tooling: when the token was issued. */
    static Instant issuedAt(JwtClaims claims) throws org.jose4j.jwt.MalformedClaimException {
        return Instant.ofEpochMilli(claims.getIssuedAt().getValueInMillis());
    }
}
