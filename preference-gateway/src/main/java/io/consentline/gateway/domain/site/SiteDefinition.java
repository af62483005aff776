package io.consentline.gateway.domain.site;

import java.util.List;
import java.util.Objects;

/**
 * What an admin defines about a site, checked and normalised (built by {@link SiteDraft#validate(int)}).
 *
 * @param allowedOrigins browser origins ({@code https://shop.example}) the banner may be served on
 * @param categories what the banner asks about; {@code necessary} always first and required
 * @param policyVersion the version of the text visitors are shown; each recorded choice names it
 * @param policyUrl where the full policy text is published, if anywhere
 * @param consentLifetimeDays how long a choice holds before the banner asks again
 * @param smsPurposes purposes a person may opt into by SMS one-time code on this site (lower-case slugs)
 */
public record SiteDefinition(String name, List<String> allowedOrigins, List<Category> categories,
        String policyVersion, String policyUrl, int consentLifetimeDays, List<String> smsPurposes) {

    public SiteDefinition {
        allowedOrigins = List.copyOf(allowedOrigins);
        categories = List.copyOf(categories);
        smsPurposes = smsPurposes == null ? List.of() : List.copyOf(smsPurposes);
    }

    public SiteDefinition(String name, List<String> allowedOrigins, List<Category> categories, String policyVersion,
            String policyUrl, int consentLifetimeDays) {
        this(name, allowedOrigins, categories, policyVersion, policyUrl, consentLifetimeDays, List.of());
    }

    /** What a visitor is shown: a change here needs a new policy version. */
    boolean showsTheSameAs(SiteDefinition other) {
        return categories.equals(other.categories) && Objects.equals(policyUrl, other.policyUrl);
    }
}
