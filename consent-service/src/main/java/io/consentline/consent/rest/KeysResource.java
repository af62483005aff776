package io.consentline.consent.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.consentline.consent.signing.DecisionSigner;

/** Public: the keys that verify decision tokens, as a JWK set (RFC 7517). */
@Path("/v1/keys")
public class KeysResource {

    private final DecisionSigner signer;

    KeysResource(DecisionSigner signer) {
        this.signer = signer;
    }

    @GET
    @PermitAll
    @Produces("application/jwk-set+json")
    @Operation(summary = "Keys that verify decision tokens", description = "Public; Ed25519 (EdDSA) keys as a JWK set.")
    public String keys() {
        return signer.jwks();
    }
}
