package io.consentline.gateway.rest;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.consentline.gateway.service.ChoiceService.SignedReceipt;

/** The visitor's proof that a choice was recorded. Strictly necessary categories are not listed: they are not consent. */
@Schema(name = "Receipt", description = "Proof that a choice was recorded (the broker acknowledged it), signed by the gateway")
public record ReceiptResponse(
        @Schema(description = "The receipt id: also the id of the submission event", example = "0b6f3c0e-4f5e-4d8a-9a51-3a1c2b7d9e10")
        String receiptId,
        @Schema(example = "2026-11-23T10:15:30.123456Z") Instant acceptedAt,
        @Schema(example = "shop-eu") String siteId,
        @Schema(example = "2026-01") String policyVersion,
        @Schema(example = "[\"analytics\"]") List<String> granted,
        @Schema(example = "[\"marketing\"]") List<String> denied,
        @Schema(description = "The browser sent Sec-GPC: 1 and the choice honours it", example = "false")
        boolean globalPrivacyControl,
        @Schema(description = "Sale/sharing categories the Global Privacy Control signal refused", example = "[]")
        List<String> deniedByGlobalPrivacyControl,
        @Schema(description = "Compact JWS (EdDSA, Ed25519) over the receipt's claims; verify with GET /v1/receipt-keys",
                example = "eyJraWQiOiJ...")
        String signature) {

    static ReceiptResponse of(SignedReceipt signed) {
        var receipt = signed.receipt();
        return new ReceiptResponse(receipt.id(), receipt.acceptedAt(), receipt.siteId(), receipt.policyVersion(),
                receipt.granted(), receipt.denied(), receipt.globalPrivacyControl(),
                receipt.deniedByGlobalPrivacyControl(), signed.signature());
    }
}
