package io.consentline.gateway.domain.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SiteTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant LATER = Instant.parse("2026-02-01T00:00:00Z");

    private static SiteDefinition definition(String version, List<String> origins, String policyUrl, Category... extra) {
        List<Category> categories = new java.util.ArrayList<>(List.of(Category.necessary(),
                new Category("analytics", false, Map.of("en", "Usage statistics"))));
        categories.addAll(List.of(extra));
        return new SiteDefinition("Shop", origins, categories, version, policyUrl, 365);
    }

    private static final Site SITE = Site.create("shop-eu", "acme",
            definition("2026-01", List.of("https://shop.example"), "https://shop.example/privacy"), CREATED);

    @Test
    void newCategoriesNeedANewPolicyVersion() {
        SiteDefinition sameVersion = definition("2026-01", List.of("https://shop.example"), "https://shop.example/privacy",
                new Category("marketing", false, Map.of()));

        assertThatThrownBy(() -> SITE.revise(sameVersion, LATER))
                .isInstanceOfSatisfying(UnversionedPolicyChangeException.class, e -> {
                    assertThat(e.toProblem().status()).isEqualTo(409);
                    assertThat(e.toProblem().field()).isEqualTo("policyVersion");
                });
    }

    @Test
    void aNewPolicyUrlNeedsANewPolicyVersion() {
        assertThatThrownBy(() -> SITE.revise(
                definition("2026-01", List.of("https://shop.example"), "https://shop.example/privacy-v2"), LATER))
                .isInstanceOf(UnversionedPolicyChangeException.class);
    }

    @Test
    void newCategoriesUnderANewVersionAreAcceptedAndKeepTheCreationTime() {
        Site revised = SITE.revise(definition("2026-02", List.of("https://shop.example"), "https://shop.example/privacy",
                new Category("marketing", false, Map.of())), LATER);

        assertThat(revised.policyVersion()).isEqualTo("2026-02");
        assertThat(revised.category("marketing")).isPresent();
        assertThat(revised.createdAt()).isEqualTo(CREATED);
        assertThat(revised.updatedAt()).isEqualTo(LATER);
    }

    @Test
    void originsChangeWithoutANewVersion() {
        Site revised = SITE.revise(definition("2026-01", List.of("https://shop.example", "https://shop.example.de"),
                "https://shop.example/privacy"), LATER);

        assertThat(revised.definition().allowedOrigins()).hasSize(2);
    }
}
