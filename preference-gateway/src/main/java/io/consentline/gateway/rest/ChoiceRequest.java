package io.consentline.gateway.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.consentline.gateway.domain.choice.BannerChoice;

/**
 * A banner's choice as posted. Presence and list sizes are checked here; the rules that need the site (known
 * categories, policy version, ...) are {@link io.consentline.gateway.domain.choice.ChoiceRules}.
 */
@Schema(name = "ChoiceRequest", description = "A visitor's answer to a site's banner")
public record ChoiceRequest(
        @NotNull @Schema(required = true, description = "The site the banner belongs to", example = "shop-eu")
        String siteId,
        @NotNull @Schema(required = true, description = "The banner's visitor id (cookie): 8 to 64 of A-Z a-z 0-9 _ -",
                pattern = "^[A-Za-z0-9_-]{8,64}$", example = "v_8f3k2LqP0aZx")
        String visitorId,
        @NotNull @Schema(required = true, description = "The policy version the banner showed; must be the site's current one",
                example = "2026-01")
        String policyVersion,
        @NotNull @Schema(required = true, description = "BCP 47 tag of the language the banner was shown in", example = "en")
        String language,
        @NotNull @Size(max = 32) @Schema(required = true, description = "Category ids accepted", example = "[\"analytics\"]")
        List<String> granted,
        @NotNull @Size(max = 32) @Schema(required = true, description = "Category ids refused; never a required one",
                example = "[\"marketing\"]")
        List<String> denied) {

    BannerChoice toChoice() {
        return new BannerChoice(siteId, visitorId, policyVersion, language, granted, denied);
    }
}
