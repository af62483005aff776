package io.consentline.gateway.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.consentline.gateway.domain.banner.ConsentModeSignals;
import io.consentline.gateway.domain.site.Category;
import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.service.SiteReader;
import io.smallrye.mutiny.Uni;

/** Public: what a site's banner shows (banner.js loads it). Holds nothing secret: the tenant is not in it. */
@Path("/v1/sites/{siteId}/banner")
@Tag(name = "Banner", description = "Public: what banner.js shows for a site")
public class BannerConfigResource {

    private final SiteReader sites;

    BannerConfigResource(SiteReader sites) {
        this.sites = sites;
    }

    @Schema(name = "BannerCategory")
    public record BannerCategory(String id, boolean required, Map<String, String> descriptions,
            boolean saleOrSharing,
            @Schema(description = "Google Consent Mode v2 signals this category stands for",
                    example = "[\"analytics_storage\"]")
            List<String> consentModeSignals) {

        static BannerCategory of(Category c) {
            return new BannerCategory(c.id(), c.required(), c.descriptions(), c.refusedByGlobalPrivacyControl(),
                    ConsentModeSignals.of(c));
        }
    }

    @Schema(name = "BannerConfig")
    public record BannerConfig(String siteId, String name, String policyVersion, String policyUrl,
            int consentLifetimeDays, List<BannerCategory> categories) {

        static BannerConfig of(Site site) {
            var d = site.definition();
            return new BannerConfig(site.id(), d.name(), d.policyVersion(), d.policyUrl(), d.consentLifetimeDays(),
                    d.categories().stream().map(BannerCategory::of).toList());
        }
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "What a site's banner shows",
            description = "Categories with their texts per language, the policy version and URL, and how long a "
                    + "choice holds. CORS: only the site's allowed origins.")
    @APIResponse(responseCode = "200", description = "The banner configuration")
    @APIResponse(responseCode = "400", description = "Unknown site (field siteId)")
    public Uni<BannerConfig> get(@Parameter(example = "shop-eu") @PathParam("siteId") String siteId) {
        return sites.find(siteId).map(BannerConfig::of);
    }
}
