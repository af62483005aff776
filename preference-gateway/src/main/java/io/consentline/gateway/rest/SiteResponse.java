package io.consentline.gateway.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.domain.site.SiteDefinition;

/** A site as the admin API shows it. */
@Schema(name = "Site")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SiteResponse(String id, String tenant, String name, List<String> allowedOrigins,
        List<CategoryBody> categories, String policyVersion, String policyUrl, int consentLifetimeDays,
        List<String> smsPurposes, Instant createdAt, Instant updatedAt) {

    static SiteResponse of(Site site) {
        SiteDefinition d = site.definition();
        return new SiteResponse(site.id(), site.tenant(), d.name(), d.allowedOrigins(),
                d.categories().stream().map(CategoryBody::of).toList(), d.policyVersion(), d.policyUrl(),
                d.consentLifetimeDays(), d.smsPurposes(), site.createdAt(), site.updatedAt());
    }
}
