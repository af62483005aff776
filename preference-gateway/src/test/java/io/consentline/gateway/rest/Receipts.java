package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;

/** Verifies a receipt's signature the way anyone would: with the keys the gateway publishes. */
final class Receipts {

    private Receipts() {
    }

    /** The verified claims of a compact JWS receipt; throws when the signature does not hold. */
    static Map<String, Object> verifiedClaims(String jws) throws Exception {
        String keys = given().when().get("/v1/receipt-keys").then().statusCode(200).extract().asString();
        JsonWebSignature signature = new JsonWebSignature();
        signature.setCompactSerialization(jws);
        signature.setKey(new VerificationJwkSelector().select(signature, new JsonWebKeySet(keys).getJsonWebKeys()).getKey());
        if (!signature.verifySignature()) {
            throw new IllegalStateException("the receipt's signature does not verify");
        }
        return JwtClaims.parse(signature.getPayload()).getClaimsMap();
    }
}
