package io.consentline.gateway.signing;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwt.JwtClaims;

import io.consentline.gateway.config.GatewayConfig;
import io.consentline.kit.signing.JwsSigner;

/**
 * Signs consent receipts (JWS, EdDSA with Ed25519): the person's own proof of what was recorded, when, under
 * which policy, which anyone can verify later with the public keys at {@code /v1/receipt-keys}.
 */
@ApplicationScoped
public class ReceiptSigner {

    public static final String ISSUER = "consentline/preference-gateway";

    private final JwsSigner signer;

    ReceiptSigner(GatewayConfig config) {
        this.signer = new JwsSigner(config.receiptSigning().jwk(), "consentline.gateway.receipt-signing.jwk");
    }

    /** A compact JWS over the claims, with {@code iss} set to this gateway. */
    public String sign(Map<String, Object> claims) {
        JwtClaims jwt = new JwtClaims();
        claims.forEach(jwt::setClaim);
        jwt.setIssuer(ISSUER);
        return signer.sign(jwt);
    }

    /** The verification keys as a JWK set. */
    public String jwks() {
        return signer.jwks();
    }
}
