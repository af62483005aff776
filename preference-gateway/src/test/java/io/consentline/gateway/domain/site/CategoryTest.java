package io.consentline.gateway.domain.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CategoryTest {

    @ParameterizedTest
    @ValueSource(strings = { "marketing", "advertising", "ads", "email_marketing", "social_media", "data_sale" })
    void advertisingAndSaleCategoriesAreRefusedByGlobalPrivacyControlUnlessToldOtherwise(String id) {
        assertThat(new Category(id, false, Map.of()).refusedByGlobalPrivacyControl()).isTrue();
        assertThat(new Category(id, false, Map.of(), false).refusedByGlobalPrivacyControl()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "analytics", "functional", "preferences" })
    void otherCategoriesAreNotUnlessTheAdminSaysSo(String id) {
        assertThat(new Category(id, false, Map.of()).refusedByGlobalPrivacyControl()).isFalse();
        assertThat(new Category(id, false, Map.of(), true).refusedByGlobalPrivacyControl()).isTrue();
    }

    @Test
    void strictlyNecessaryIsNeverRefused() {
        assertThat(new Category("necessary", true, Map.of(), true).refusedByGlobalPrivacyControl()).isFalse();
    }
}
