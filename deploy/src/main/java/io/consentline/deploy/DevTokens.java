package io.consentline.deploy;

import java.util.List;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs bearer tokens for the local run with the local key: a stand-in for the identity provider, which in
 * production issues these tokens (any OIDC provider; configure {@code quarkus.oidc.auth-server-url}).
 */
public final class DevTokens {

    private DevTokens() {
    }

    public static String sign(LocalSecrets secrets, String tenant, List<String> roles, long ttlSeconds) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(LocalSecrets.ISSUER);
        claims.setAudience(LocalSecrets.AUDIENCE);
        claims.setSubject("dev-" + String.join("-", roles) + "@" + tenant);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(ttlSeconds / 60f);
        claims.setGeneratedJwtId();
        claims.setStringListClaim("groups", roles);
        claims.setStringClaim("tenant", tenant);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(secrets.oidcPrivateKey());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a dev token", e);
        }
    }
}
