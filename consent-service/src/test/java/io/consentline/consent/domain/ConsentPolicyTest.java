package io.consentline.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.consentline.consent.domain.window.CallingWindow;
import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;

class ConsentPolicyTest {

    private static final Instant NOON_LONDON = Instant.parse("2026-11-23T12:00:00Z");
    private static final Instant LATE_LONDON = Instant.parse("2026-11-23T22:00:00Z");
    private static final List<ZoneId> LONDON = List.of(ZoneId.of("Europe/London"));

    private static CurrentConsent consent(ConsentStatus status, Instant expiresAt) {
        return new CurrentConsent(7, status, NOON_LONDON.minusSeconds(3600), expiresAt, ConsentSource.AGENT, "v1");
    }

    private static CheckFacts call(CurrentConsent consent, List<String> suppression, Instant at) {
        return new CheckFacts(Optional.ofNullable(consent), Optional.empty(), true, suppression, Channel.VOICE, CallingWindow.DEFAULT,
                LONDON, at);
    }

    @Test
    void noRecordMeansNoConsent() {
        Decision decision = ConsentPolicy.decide(call(null, List.of(), NOON_LONDON));

        assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.reasons()).containsExactly(Reason.NO_CONSENT);
        assertThat(decision.decidedBy()).isNull();
    }

    @Test
    void liveGrantInsideTheWindowAllows() {
        Decision decision = ConsentPolicy.decide(call(consent(ConsentStatus.GRANTED, null), List.of(), NOON_LONDON));

        assertThat(decision.allows()).isTrue();
        assertThat(decision.reasons()).containsExactly(Reason.CONSENT_GRANTED);
        assertThat(decision.decidedBy().recordId()).isEqualTo(7);
    }

    @Test
    void withdrawnConsentDeniesCallsEvenInsideTheWindow() {
        Decision decision = ConsentPolicy.decide(call(consent(ConsentStatus.DENIED, null), List.of(), NOON_LONDON));

        assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.reasons()).containsExactly(Reason.OPTED_OUT);
    }

    @Test
    void anOptOutWinsEvenWhereNoOptInIsRequired() {
        CheckFacts facts = new CheckFacts(Optional.of(consent(ConsentStatus.DENIED, null)), Optional.empty(), false, List.of(),
                Channel.EMAIL, null, List.of(), NOON_LONDON);

        assertThat(ConsentPolicy.decide(facts).reasons()).containsExactly(Reason.OPTED_OUT);
    }

    @Test
    void withoutAnOptInRequirementNoRecordAllows() {
        CheckFacts facts = new CheckFacts(Optional.empty(), Optional.empty(), false, List.of(), Channel.EMAIL, null, List.of(),
                NOON_LONDON);

        Decision decision = ConsentPolicy.decide(facts);
        assertThat(decision.allows()).isTrue();
        assertThat(decision.reasons()).containsExactly(Reason.OPT_IN_NOT_REQUIRED);
    }

    @Test
    void aSuppressedNumberIsDeniedDespiteAGrant() {
        Decision decision = ConsentPolicy.decide(call(consent(ConsentStatus.GRANTED, null), List.of("tps"), NOON_LONDON));

        assertThat(decision.reasons()).containsExactly(Reason.SUPPRESSED);
        assertThat(decision.suppressedBy()).containsExactly("tps");
    }

    @Test
    void grantDeniesFromTheInstantItExpires() {
        assertThat(ConsentPolicy.decide(call(consent(ConsentStatus.GRANTED, NOON_LONDON), List.of(), NOON_LONDON))
                .reasons()).containsExactly(Reason.EXPIRED);
        assertThat(ConsentPolicy.decide(call(consent(ConsentStatus.GRANTED, NOON_LONDON.plusSeconds(1)), List.of(),
                NOON_LONDON)).allows()).isTrue();
    }

    @Test
    void outsideTheWindowSaysWhenTheWindowOpens() {
        Decision decision = ConsentPolicy.decide(call(consent(ConsentStatus.GRANTED, null), List.of(), LATE_LONDON));

        assertThat(decision.reasons()).containsExactly(Reason.OUTSIDE_CALLING_WINDOW);
        assertThat(decision.nextAllowedAt()).isEqualTo(Instant.parse("2026-11-24T08:00:00Z"));
    }

    @Test
    void everyObstacleIsReportedMostDecisiveFirstAndNoNextTimeIsPromised() {
        Decision decision = ConsentPolicy.decide(call(null, List.of("national-dnc"), LATE_LONDON));

        assertThat(decision.reasons()).containsExactly(Reason.SUPPRESSED, Reason.NO_CONSENT,
                Reason.OUTSIDE_CALLING_WINDOW);
        assertThat(decision.nextAllowedAt()).isNull();
    }

    @Test
    void anUnknownTimeZoneDeniesCalls() {
        CheckFacts facts = new CheckFacts(Optional.of(consent(ConsentStatus.GRANTED, null)), Optional.empty(), true, List.of(),
                Channel.SMS, CallingWindow.DEFAULT, List.of(), NOON_LONDON);

        assertThat(ConsentPolicy.decide(facts).reasons()).containsExactly(Reason.CALLING_WINDOW_UNKNOWN);
    }

    /** A record given {@code minutesAgo} before noon; ids follow no time order (imports). */
    private static CurrentConsent record(long id, ConsentStatus status, int minutesAgo) {
        return new CurrentConsent(id, status, NOON_LONDON.minusSeconds(60L * minutesAgo), null,
                ConsentSource.SMS_KEYWORD, null);
    }

    private static CheckFacts sms(CurrentConsent specific, CurrentConsent blanket) {
        return new CheckFacts(Optional.ofNullable(specific), Optional.ofNullable(blanket), true, List.of(), Channel.SMS,
                CallingWindow.DEFAULT, LONDON, NOON_LONDON);
    }

    @Test
    void aStopAfterAGrantOptsOutOfEveryPurposeOnTheChannel() {
        Decision decision = ConsentPolicy.decide(sms(record(1, ConsentStatus.GRANTED, 10), record(2, ConsentStatus.DENIED, 5)));

        assertThat(decision.reasons()).containsExactly(Reason.OPTED_OUT);
        assertThat(decision.decidedBy().recordId()).isEqualTo(2);
    }

    @Test
    void aSpecificGrantAfterAStopWins() {
        assertThat(ConsentPolicy.decide(sms(record(1, ConsentStatus.GRANTED, 1), record(2, ConsentStatus.DENIED, 5))).allows())
                .isTrue();
    }

    @Test
    void aStopAtTheSameInstantAsAGrantWins() {
        assertThat(ConsentPolicy.decide(sms(record(9, ConsentStatus.GRANTED, 5), record(2, ConsentStatus.DENIED, 5)))
                .reasons()).containsExactly(Reason.OPTED_OUT);
    }

    @Test
    void startLiftsTheStopButGrantsNothingByItself() {
        assertThat(ConsentPolicy.decide(sms(record(1, ConsentStatus.GRANTED, 10), record(4, ConsentStatus.GRANTED, 5)))
                .allows()).isTrue();
        assertThat(ConsentPolicy.decide(sms(null, record(4, ConsentStatus.GRANTED, 5))).reasons())
                .containsExactly(Reason.NO_CONSENT);
    }

    @Test
    void webChecksHaveNoCallingWindow() {
        CheckFacts facts = CheckFacts.withoutWindow(Optional.of(consent(ConsentStatus.GRANTED, null)), Channel.WEB,
                LATE_LONDON);

        assertThat(ConsentPolicy.decide(facts).allows()).isTrue();
    }
}
