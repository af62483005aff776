package io.consentline.gateway.domain.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.consentline.kit.problem.ProblemException;

class SiteDraftTest {

    private static final Category ANALYTICS = new Category("analytics", false, Map.of("en", "Usage statistics"));

    private static SiteDraft draft(List<String> origins, List<Category> categories, String version, Integer lifetime) {
        return new SiteDraft("Shop", origins, categories, version, "https://shop.example/privacy", lifetime);
    }

    private static SiteDraft withCategories(Category... categories) {
        return draft(List.of("https://shop.example"), new ArrayList<>(List.of(categories)), "2026-01", null);
    }

    private static void assertRefused(SiteDraft draft, String field) {
        assertThatThrownBy(() -> draft.validate(365))
                .isInstanceOfSatisfying(InvalidSiteException.class, e -> {
                    assertThat(e.toProblem().field()).isEqualTo(field);
                    assertThat(e.toProblem().status()).isEqualTo(400);
                });
    }

    @Test
    void necessaryIsAddedFirstAndRequiredWhenTheAdminLeavesItOut() {
        SiteDefinition definition = withCategories(ANALYTICS).validate(365);

        assertThat(definition.categories()).extracting(Category::id).containsExactly("necessary", "analytics");
        assertThat(definition.categories().get(0).required()).isTrue();
    }

    @Test
    void necessaryGivenByTheAdminKeepsItsDescriptionsAndPlace() {
        Category necessary = new Category("necessary", true, Map.of("en", "Keeps you logged in"));

        SiteDefinition definition = withCategories(ANALYTICS, necessary).validate(365);

        assertThat(definition.categories()).containsExactly(ANALYTICS, necessary);
    }

    @Test
    void necessaryCanNeverBeMadeOptional() {
        assertRefused(withCategories(ANALYTICS, new Category("necessary", false, Map.of())), "categories[1].required");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Analytics", "ads!", "social-media", "1st_party", "" })
    void categoryIdsAreLowerCaseSlugsUsableAsPurposes(String id) {
        assertRefused(withCategories(new Category(id, false, Map.of())), "categories[0].id");
    }

    @Test
    void aCategoryIsListedOnce() {
        assertRefused(withCategories(ANALYTICS, ANALYTICS), "categories[1].id");
    }

    @Test
    void descriptionsAreKeyedByLanguageTags() {
        assertRefused(withCategories(new Category("analytics", false, Map.of("english", "Usage statistics"))),
                "categories[0].descriptions");
    }

    @Test
    void blankDescriptionsAreRefused() {
        assertRefused(withCategories(new Category("analytics", false, Map.of("en", " "))),
                "categories[0].descriptions.en");
    }

    @Test
    void originsAreNormalisedAndRepeatsDropped() {
        SiteDefinition definition = draft(List.of("https://Shop.Example", "https://shop.example", "http://localhost:8080"),
                List.of(ANALYTICS), "2026-01", null).validate(365);

        assertThat(definition.allowedOrigins()).containsExactly("https://shop.example", "http://localhost:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = { "shop.example", "https://shop.example/path", "ftp://shop.example", "https://shop.example?x=1",
            "https://user@shop.example", "https://*.shop.example" })
    void anOriginIsSchemeHostAndPortOnly(String origin) {
        assertRefused(draft(List.of("https://ok.example", origin), List.of(ANALYTICS), "2026-01", null),
                "allowedOrigins[1]");
    }

    @Test
    void atLeastOneOriginIsNeeded() {
        assertRefused(draft(List.of(), List.of(ANALYTICS), "2026-01", null), "allowedOrigins");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "2026 01", "-2026", "v1/2" })
    void policyVersionsArePrintableTokens(String version) {
        assertRefused(draft(List.of("https://shop.example"), List.of(ANALYTICS), version, null), "policyVersion");
    }

    @Test
    void lifetimeDefaultsToTheConfiguredOne() {
        assertThat(withCategories(ANALYTICS).validate(180).consentLifetimeDays()).isEqualTo(180);
    }

    @Test
    void lifetimeIsBetweenOneDayAndTenYears() {
        assertRefused(draft(List.of("https://shop.example"), List.of(ANALYTICS), "2026-01", 0), "consentLifetimeDays");
        assertRefused(draft(List.of("https://shop.example"), List.of(ANALYTICS), "2026-01", 3651), "consentLifetimeDays");
    }

    @Test
    void aNameIsRequired() {
        assertRefused(new SiteDraft(" ", List.of("https://shop.example"), List.of(), "2026-01", null, null), "name");
    }

    @Test
    void policyUrlMustBeAnAbsoluteWebUrl() {
        assertRefused(new SiteDraft("Shop", List.of("https://shop.example"), List.of(), "2026-01", "/privacy", null),
                "policyUrl");
    }

    @Test
    void failuresAreProblems() {
        assertThatThrownBy(() -> withCategories(ANALYTICS, ANALYTICS).validate(365))
                .isInstanceOf(ProblemException.class);
    }
}
