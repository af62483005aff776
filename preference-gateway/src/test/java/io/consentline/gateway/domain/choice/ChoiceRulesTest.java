package io.consentline.gateway.domain.choice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.consentline.gateway.domain.site.Category;
import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.domain.site.SiteDefinition;
import io.consentline.kit.problem.Problem;
import io.consentline.kit.problem.ProblemException;

class ChoiceRulesTest {

    private static final Site SITE = Site.create("shop-eu", "acme", new SiteDefinition("Shop",
            List.of("https://shop.example"),
            List.of(Category.necessary(), new Category("analytics", false, Map.of()),
                    new Category("marketing", false, Map.of())),
            "2026-01", null, 365), Instant.EPOCH);

    private static BannerChoice choice(List<String> granted, List<String> denied) {
        return new BannerChoice("shop-eu", "v_8f3k2LqP0aZx", "2026-01", "en", granted, denied);
    }

    private static Problem refusal(BannerChoice choice) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> ChoiceRules.accept(SITE, choice));
        assertThat(thrown).isInstanceOf(ProblemException.class);
        return ((ProblemException) thrown).toProblem();
    }

    @Test
    void aValidChoiceIsAcceptedForTheSitesTenantAndVersion() {
        AcceptedChoice accepted = ChoiceRules.accept(SITE, choice(List.of("analytics"), List.of("marketing")));

        assertThat(accepted.tenant()).isEqualTo("acme");
        assertThat(accepted.policyVersion()).isEqualTo("2026-01");
        assertThat(accepted.granted()).containsExactly("analytics");
        assertThat(accepted.denied()).containsExactly("marketing");
    }

    @Test
    void grantingNecessaryIsAllowedButNotRecordedAsConsent() {
        AcceptedChoice accepted = ChoiceRules.accept(SITE, choice(List.of("necessary", "analytics"), List.of()));

        assertThat(accepted.granted()).containsExactly("analytics");
    }

    @Test
    void necessaryCanNeverBeDenied() {
        Problem problem = refusal(choice(List.of("analytics"), List.of("necessary")));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.field()).isEqualTo("denied");
        assertThat(problem.type()).endsWith("required-category-denied");
    }

    @Test
    void aCategoryCannotBeGrantedAndDeniedAtOnce() {
        Problem problem = refusal(choice(List.of("analytics"), List.of("marketing", "analytics")));

        assertThat(problem.field()).isEqualTo("denied");
        assertThat(problem.type()).endsWith("contradictory-choice");
    }

    @Test
    void unknownCategoriesAreRefusedWithoutEchoingThem() {
        Problem problem = refusal(choice(List.of("analytics", "<script>"), List.of()));

        assertThat(problem.field()).isEqualTo("granted");
        assertThat(problem.detail()).contains("granted[1]").contains("necessary, analytics, marketing")
                .doesNotContain("<script>");
    }

    @Test
    void nullCategoryIdsAreUnknown() {
        assertThat(refusal(choice(List.of(), Arrays.asList("marketing", null))).field()).isEqualTo("denied");
    }

    @Test
    void aChoiceUnderAnotherPolicyVersionIsAConflict() {
        Problem problem = refusal(new BannerChoice("shop-eu", "v_8f3k2LqP0aZx", "2025-12", "en", List.of("analytics"),
                List.of()));

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.field()).isEqualTo("policyVersion");
        assertThat(problem.detail()).contains("2026-01");
    }

    @ParameterizedTest
    @ValueSource(strings = { "short", "has space in it", "semi;colon_1234", "ünïcödé-visitor",
            "x12345678901234567890123456789012345678901234567890123456789012345" })
    void visitorIdsAreEightToSixtyFourUrlSafeCharacters(String visitorId) {
        Problem problem = refusal(new BannerChoice("shop-eu", visitorId, "2026-01", "en", List.of("analytics"), List.of()));

        assertThat(problem.field()).isEqualTo("visitorId");
    }

    @ParameterizedTest
    @ValueSource(strings = { "abcd_efgh", "V-1234567", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" })
    void urlSafeVisitorIdsAreAccepted(String visitorId) {
        assertThat(ChoiceRules.accept(SITE, new BannerChoice("shop-eu", visitorId, "2026-01", "en",
                List.of("analytics"), List.of())).visitorId()).isEqualTo(visitorId);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "e", "english", "en_US", "en-", "en-US-x-private-tag-too-long" })
    void languageIsAShortBcp47Tag(String language) {
        Problem problem = refusal(new BannerChoice("shop-eu", "v_8f3k2LqP0aZx", "2026-01", language,
                List.of("analytics"), List.of()));

        assertThat(problem.field()).isEqualTo("language");
    }

    @ParameterizedTest
    @ValueSource(strings = { "en", "de-CH", "zh-Hant-TW", "sr-Latn" })
    void commonLanguageTagsAreAccepted(String language) {
        assertThat(ChoiceRules.accept(SITE, new BannerChoice("shop-eu", "v_8f3k2LqP0aZx", "2026-01", language,
                List.of("analytics"), List.of())).language()).isEqualTo(language);
    }

    @Test
    void repeatedCategoriesCountOnce() {
        AcceptedChoice accepted = ChoiceRules.accept(SITE, choice(List.of("analytics", "analytics"), List.of()));

        assertThat(accepted.granted()).containsExactly("analytics");
    }

    @Test
    void aChoiceAboutNothingButNecessaryIsRefused() {
        assertThat(refusal(choice(List.of("necessary"), List.of())).type()).endsWith("no-choice");
    }

    @Test
    void bothListsMustBePresent() {
        assertThat(refusal(choice(List.of("analytics"), null)).field()).isEqualTo("denied");
    }

    @Test
    void stalePolicyIsCheckedBeforeCategoriesWhichMayHaveChangedWithIt() {
        Problem problem = refusal(new BannerChoice("shop-eu", "v_8f3k2LqP0aZx", "2025-12", "en", List.of("retired"),
                List.of()));

        assertThat(problem.status()).isEqualTo(409);
    }

    @Test
    void refusalsAreTyped() {
        assertThatThrownBy(() -> ChoiceRules.accept(SITE, choice(List.of(), List.of("necessary"))))
                .isInstanceOf(InvalidChoiceException.class);
        assertThatThrownBy(() -> ChoiceRules.accept(SITE, new BannerChoice("shop-eu", "v_8f3k2LqP0aZx", "old", "en",
                List.of(), List.of()))).isInstanceOf(StalePolicyVersionException.class);
    }

    @Test
    void aGlobalPrivacyControlSignalRefusesEverySaleOrSharingCategoryAndSaysSo() {
        AcceptedChoice accepted = ChoiceRules.accept(SITE, choice(List.of("analytics", "marketing"), List.of()), true);

        assertThat(accepted.granted()).containsExactly("analytics");
        assertThat(accepted.denied()).containsExactly("marketing");
        assertThat(accepted.globalPrivacyControl()).isTrue();
        assertThat(accepted.deniedByGlobalPrivacyControl()).containsExactly("marketing");
    }

    @Test
    void aGlobalPrivacyControlSignalAlsoRefusesSaleCategoriesLeftUnanswered() {
        AcceptedChoice accepted = ChoiceRules.accept(SITE, choice(List.of("analytics"), List.of()), true);

        assertThat(accepted.denied()).containsExactly("marketing");
        assertThat(accepted.receipt("r", Instant.EPOCH).deniedByGlobalPrivacyControl()).containsExactly("marketing");
    }

    @Test
    void withoutTheSignalTheVisitorsAnswerStands() {
        AcceptedChoice accepted = ChoiceRules.accept(SITE, choice(List.of("analytics", "marketing"), List.of()), false);

        assertThat(accepted.granted()).containsExactly("analytics", "marketing");
        assertThat(accepted.globalPrivacyControl()).isFalse();
        assertThat(accepted.deniedByGlobalPrivacyControl()).isEmpty();
    }
}
