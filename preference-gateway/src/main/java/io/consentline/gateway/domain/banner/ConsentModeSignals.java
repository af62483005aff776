package io.consentline.gateway.domain.banner;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.consentline.gateway.domain.site.Category;

/**
 * Which Google Consent Mode v2 signals a category stands for, so the banner can tell Google tags what the
 * visitor chose (https://developers.google.com/tag-platform/security/guides/consent): sale/sharing and
 * marketing categories → {@code ad_storage}, {@code ad_user_data}, {@code ad_personalization}; analytics and
 * statistics → {@code analytics_storage}; functional and preference categories → {@code functionality_storage},
 * {@code personalization_storage}; strictly necessary → {@code security_storage} (always granted).
 */
public final class ConsentModeSignals {

    public static final List<String> ADS = List.of("ad_storage", "ad_user_data", "ad_personalization");

    private ConsentModeSignals() {
    }

    public static List<String> of(Category category) {
        Set<String> signals = new LinkedHashSet<>();
        String id = category.id();
        if (category.required()) {
            signals.add("security_storage");
            return List.copyOf(signals);
        }
        if (category.refusedByGlobalPrivacyControl() || id.contains("marketing") || id.contains("advertis")
                || id.startsWith("ad_") || id.equals("ads")) {
            signals.addAll(ADS);
        }
        if (id.contains("analytic") || id.contains("statistic") || id.contains("measurement")
                || id.contains("performance")) {
            signals.add("analytics_storage");
        }
        if (id.contains("functional") || id.contains("preference") || id.contains("personali")) {
            signals.add("functionality_storage");
            signals.add("personalization_storage");
        }
        return List.copyOf(signals);
    }
}
