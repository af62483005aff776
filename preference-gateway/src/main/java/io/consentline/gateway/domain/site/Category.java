package io.consentline.gateway.domain.site;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A category of cookies or processing a banner asks about, such as {@code analytics} or {@code marketing}.
 * Its id becomes the consent purpose downstream.
 *
 * @param id lower-case slug ({@link CategoryIds})
 * @param required strictly necessary: shown, never asked, never refusable (ePrivacy Directive Art. 5(3))
 * @param descriptions the text shown per language tag
 * @param saleOrSharing the category sells or shares personal data or serves targeted advertising: a Global
 *        Privacy Control signal ({@code Sec-GPC: 1}) refuses it (CCPA/CPRA, Cal. Code Regs. tit. 11 § 7025).
 *        When not given, it is inferred from the id ({@code marketing}, {@code advertising}, {@code ads}, ...)
 */
public record Category(String id, boolean required, Map<String, String> descriptions, Boolean saleOrSharing) {

    /** The category every site has: what the site needs to work at all. */
    public static final String NECESSARY = "necessary";

    private static final Set<String> SALE_OR_SHARING_IDS = Set.of("marketing", "advertising", "ads", "targeting",
            "targeted_advertising", "personalised_ads", "personalized_ads", "retargeting", "sale", "sharing",
            "data_sale", "data_sharing", "social_media");

    public Category {
        // sorted by language: a stable order in JSON and in comparisons
        descriptions = descriptions == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(descriptions));
        if (saleOrSharing == null) {
            saleOrSharing = !required && id != null && (SALE_OR_SHARING_IDS.contains(id) || id.contains("marketing")
                    || id.contains("advertis"));
        }
    }

    public Category(String id, boolean required, Map<String, String> descriptions) {
        this(id, required, descriptions, null);
    }

    public static Category necessary() {
        return new Category(NECESSARY, true, Map.of());
    }

    /** Whether a Global Privacy Control signal refuses this category. */
    public boolean refusedByGlobalPrivacyControl() {
        return Boolean.TRUE.equals(saleOrSharing) && !required;
    }
}
