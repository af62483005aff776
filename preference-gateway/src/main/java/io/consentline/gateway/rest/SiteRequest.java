package io.consentline.gateway.rest;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.consentline.gateway.domain.site.SiteDraft;

/**
 * A site definition as an admin posts it. Presence is checked here; the rest in
 * {@link SiteDraft#validate(int)}. The tenant never comes from the body: it is the caller's.
 */
@Schema(name = "SiteRequest")
public record SiteRequest(
        @Schema(description = "Slug to use as id (3-64 of a-z 0-9 _ -); generated as site_... when absent. "
                + "Cannot change.", example = "shop-eu")
        String id,
        @NotNull @Schema(required = true, example = "Shop (EU)") String name,
        @NotNull @Schema(required = true, description = "Origins the banner may run on",
                example = "[\"https://shop.example\"]")
        List<String> allowedOrigins,
        @NotNull @Schema(required = true, description = "What the banner asks about; necessary is added if absent")
        List<CategoryBody> categories,
        @NotNull @Schema(required = true, description = "Version of the text shown; change it whenever the text changes",
                example = "2026-01")
        String policyVersion,
        @Schema(example = "https://shop.example/privacy") String policyUrl,
        @Schema(description = "Days a choice holds before the banner asks again; default from config", example = "365")
        Integer consentLifetimeDays,
        @Schema(description = "Purposes a person may opt into by SMS one-time code on this site",
                example = "[\"sms_marketing\"]")
        List<String> smsPurposes) {

    SiteDraft toDraft() {
        return new SiteDraft(name, allowedOrigins,
                categories == null ? null : categories.stream().map(CategoryBody::toCategory).toList(),
                policyVersion, policyUrl, consentLifetimeDays, smsPurposes);
    }
}
