package io.consentline.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.consentline.gateway.signing.ReceiptSigner;

/** Public: the keys that verify receipts, as a JWK set (RFC 7517). */
@Path("/v1/receipt-keys")
@Tag(name = "Receipts", description = "Public: keys that verify signed receipts")
public class ReceiptKeysResource {

    private final ReceiptSigner signer;

    ReceiptKeysResource(ReceiptSigner signer) {
        this.signer = signer;
    }

    @GET
    @PermitAll
    @Produces("application/jwk-set+json")
    @Operation(summary = "Keys that verify receipts",
            description = "Public; Ed25519 (EdDSA) keys as a JWK set. A receipt's JWS header names its key (kid).")
    public String keys() {
        return signer.jwks();
    }
}
