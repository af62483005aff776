package io.consentline.gateway.domain.banner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.consentline.gateway.domain.site.Category;

class ConsentModeSignalsTest {

    @Test
    void marketingAndSaleCategoriesStandForTheThreeAdSignals() {
        assertThat(ConsentModeSignals.of(new Category("marketing", false, Map.of())))
                .containsExactly("ad_storage", "ad_user_data", "ad_personalization");
        assertThat(ConsentModeSignals.of(new Category("partners", false, Map.of(), true)))
                .containsExactly("ad_storage", "ad_user_data", "ad_personalization");
    }

    @Test
    void analyticsStandsForAnalyticsStorage() {
        assertThat(ConsentModeSignals.of(new Category("analytics", false, Map.of()))).containsExactly("analytics_storage");
    }

    @Test
    void functionalCategoriesStandForFunctionalityAndPersonalisationStorage() {
        assertThat(ConsentModeSignals.of(new Category("functional", false, Map.of())))
                .containsExactly("functionality_storage", "personalization_storage");
    }

    @Test
    void necessaryIsSecurityStorageAndUnknownCategoriesStandForNoSignal() {
        assertThat(ConsentModeSignals.of(Category.necessary())).containsExactly("security_storage");
        assertThat(ConsentModeSignals.of(new Category("chat_widget", false, Map.of()))).isEmpty();
    }
}
