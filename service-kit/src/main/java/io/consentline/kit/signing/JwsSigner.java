package io.consentline.kit.signing;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Security;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.jboss.logging.Logger;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs compact JWS (EdDSA, Ed25519) with one service key, and publishes the verification key as a JWK set.
 * Bouncy Castle signs: it takes ~80 µs a signature on these machines, the JDK's own Ed25519 or ES256 ~600–
 * 1,500 µs, and these signatures are on request paths (decision tokens, consent receipts).
 */
public final class JwsSigner {

    private static final Logger LOG = Logger.getLogger(JwsSigner.class);

    private final PrivateKey privateKey;
    private final OctetKeyPairJsonWebKey publicJwk;
    private final String keyId;
    private final ProviderContext bouncyCastle = new ProviderContext();

    /**
     * @param privateJwk the private Ed25519 (OKP) JWK; when absent a key is made for this process only (its
     *        signatures cannot be verified after a restart): fine for tests, never for production
     * @param configName the property that holds the key, for messages
     */
    public JwsSigner(Optional<String> privateJwk, String configName) {
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        bouncyCastle.getSuppliedKeyProviderContext().setSignatureProvider(BouncyCastleProvider.PROVIDER_NAME);
        KeyPair pair = privateJwk.map(jwk -> load(jwk, configName)).orElseGet(() -> {
            LOG.warnf("No %s configured: signing with a key made for this process only", configName);
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
            throw new IllegalStateException("cannot sign", e);
        }
    }

    /** The verification key as a JWK set (RFC 7517). */
    public String jwks() {
        return new JsonWebKeySet(List.of(publicJwk)).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static KeyPair load(String jwkJson, String configName) {
        try {
            JsonWebKey jwk = JsonWebKey.Factory.newJwk(jwkJson.trim());
            if (!(jwk instanceof OctetKeyPairJsonWebKey okp) || okp.getPrivateKey() == null
                    || !OctetKeyPairJsonWebKey.SUBTYPE_ED25519.equals(okp.getSubtype())) {
                throw new IllegalStateException(configName + " must be a private Ed25519 (OKP) JWK");
            }
            return new KeyPair(okp.getPublicKey(), okp.getPrivateKey());
        } catch (JoseException e) {
            throw new IllegalStateException(configName + " is not a JWK", e);
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
