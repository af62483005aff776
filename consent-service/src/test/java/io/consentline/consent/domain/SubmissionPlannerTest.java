package io.consentline.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;

class SubmissionPlannerTest {

    private static ConsentSubmission banner(String policy, PurposeChoice... choices) {
        return new ConsentSubmission(new Identifier(IdentifierType.VISITOR, "v-1"), Channel.WEB, ConsentSource.BANNER,
                List.of(choices), policy, "en", null, Instant.parse("2026-11-23T10:00:00Z"));
    }

    private static CurrentConsent current(ConsentStatus status, String policy) {
        return new CurrentConsent(1, status, Instant.EPOCH, null, ConsentSource.BANNER, policy);
    }

    @Test
    void firstChoicesAreAllRecordedWithNoBefore() {
        List<PlannedChange> changes = SubmissionPlanner.plan(Map.of(), banner("v1",
                new PurposeChoice("analytics", ConsentStatus.GRANTED),
                new PurposeChoice("marketing", ConsentStatus.DENIED)));

        assertThat(changes).containsExactly(
                new PlannedChange("analytics", Channel.WEB, null, ConsentStatus.GRANTED),
                new PlannedChange("marketing", Channel.WEB, null, ConsentStatus.DENIED));
    }

    @Test
    void repeatingTheSameAnswerUnderTheSamePolicyChangesNothing() {
        Map<ConsentKey, CurrentConsent> now = Map.of(new ConsentKey("analytics", Channel.WEB),
                current(ConsentStatus.GRANTED, "v1"));

        assertThat(SubmissionPlanner.plan(now, banner("v1", new PurposeChoice("analytics", ConsentStatus.GRANTED))))
                .isEmpty();
    }

    @Test
    void theSameAnswerUnderANewPolicyIsRecordedAgain() {
        Map<ConsentKey, CurrentConsent> now = Map.of(new ConsentKey("analytics", Channel.WEB),
                current(ConsentStatus.GRANTED, "v1"));

        assertThat(SubmissionPlanner.plan(now, banner("v2", new PurposeChoice("analytics", ConsentStatus.GRANTED))))
                .containsExactly(new PlannedChange("analytics", Channel.WEB, ConsentStatus.GRANTED, ConsentStatus.GRANTED));
    }

    @Test
    void withdrawalCarriesTheStatusBefore() {
        Map<ConsentKey, CurrentConsent> now = Map.of(new ConsentKey("marketing", Channel.WEB),
                current(ConsentStatus.GRANTED, "v1"));

        assertThat(SubmissionPlanner.plan(now, banner("v1", new PurposeChoice("marketing", ConsentStatus.DENIED))))
                .containsExactly(new PlannedChange("marketing", Channel.WEB, ConsentStatus.GRANTED, ConsentStatus.DENIED));
    }

    @Test
    void consentOnAnotherChannelIsNotTheSameConsent() {
        Map<ConsentKey, CurrentConsent> now = Map.of(new ConsentKey("analytics", Channel.EMAIL),
                current(ConsentStatus.GRANTED, "v1"));

        assertThat(SubmissionPlanner.plan(now, banner("v1", new PurposeChoice("analytics", ConsentStatus.GRANTED))))
                .hasSize(1);
    }

    @Test
    void theLastAnswerForAPurposeWins() {
        assertThat(SubmissionPlanner.plan(Map.of(), banner("v1",
                new PurposeChoice("analytics", ConsentStatus.GRANTED),
                new PurposeChoice("analytics", ConsentStatus.DENIED))))
                .containsExactly(new PlannedChange("analytics", Channel.WEB, null, ConsentStatus.DENIED));
    }

    @Test
    void anInvalidPurposeNameRejectsTheSubmission() {
        assertThatThrownBy(() -> SubmissionPlanner.plan(Map.of(),
                banner("v1", new PurposeChoice("DROP TABLE", ConsentStatus.GRANTED))))
                .isInstanceOf(InvalidSubmissionException.class);
    }
}
