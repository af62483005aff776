package io.consentline.gateway.domain.site;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One banner installation of a tenant: its definition, and when it was created and last changed.
 */
public record Site(String id, String tenant, SiteDefinition definition, Instant createdAt, Instant updatedAt) {

    public static Site create(String id, String tenant, SiteDefinition definition, Instant now) {
        return new Site(id, tenant, definition, now, now);
    }

    /**
     * The site with a new definition. Changing what visitors are shown (categories, their texts, the policy
     * URL) needs a new policy version, so a recorded version always names one text.
     */
    public Site revise(SiteDefinition revised, Instant now) {
        if (revised.policyVersion().equals(definition.policyVersion()) && !revised.showsTheSameAs(definition)) {
            throw new UnversionedPolicyChangeException(
                    revised.categories().equals(definition.categories()) ? "policyUrl" : "categories");
        }
        return new Site(id, tenant, revised, createdAt, now);
    }

    public String policyVersion() {
        return definition.policyVersion();
    }

    public List<Category> categories() {
        return definition.categories();
    }

    /** Whether a browser page of this origin may use the site (an absent origin is no browser page). */
    public boolean allowsOrigin(String origin) {
        return origin == null || definition.allowedOrigins().contains(origin.toLowerCase(java.util.Locale.ROOT));
    }

    public Optional<Category> category(String categoryId) {
        return categories().stream().filter(c -> c.id().equals(categoryId)).findFirst();
    }
}
