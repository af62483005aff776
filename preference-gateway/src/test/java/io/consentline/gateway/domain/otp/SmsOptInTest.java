package io.consentline.gateway.domain.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;

class SmsOptInTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:01:00Z");
    private static final OtpChallenge VERIFIED = new OtpChallenge("6f1c2d7e-0a4b-4c36-9d1e-2b8f7a5c3e90", "acme",
            "shop-eu", "sms_marketing", "hash", "code-hash", "en", AT.minusSeconds(60), AT.plusSeconds(540), 1, AT);
    private static final SmsOptIn OPT_IN = new SmsOptIn(VERIFIED, "+447911123456", "phone:hash", "2026-01",
            "203.0.113.7", "Firefox");

    @Test
    void theSubmissionGrantsThePurposeOnSmsWithTheChallengeAsProof() {
        var event = OPT_IN.toSubmission();

        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.subject()).isEqualTo("phone:hash");
        assertThat(event.time()).isEqualTo(AT);
        var s = event.data();
        assertThat(s.identifier().type()).isEqualTo(IdentifierType.PHONE);
        assertThat(s.identifier().value()).isEqualTo("+447911123456");
        assertThat(s.channel()).isEqualTo(Channel.SMS);
        assertThat(s.source()).isEqualTo(ConsentSource.OTP);
        assertThat(s.choices()).containsExactly(new PurposeChoice("sms_marketing", ConsentStatus.GRANTED));
        assertThat(s.policyVersion()).isEqualTo("2026-01");
        assertThat(s.evidence().otpChallengeId()).isEqualTo(VERIFIED.id());
        assertThat(s.evidence().ipAddress()).isEqualTo("203.0.113.7");
        assertThat(s.evidence().userAgent()).isEqualTo("Firefox");
    }

    @Test
    void theEventIdDerivesFromTheChallengeSoARepeatIsRecordedOnce() {
        assertThat(OPT_IN.toSubmission().id()).isEqualTo(OPT_IN.receiptId())
                .isEqualTo(new SmsOptIn(VERIFIED, "+447911123456", "phone:hash", "2026-01", null, null).receiptId());
    }

    @Test
    void theReceiptClaimsCarryNoReadableNumber() {
        assertThat(OPT_IN.claims()).containsEntry("challengeId", VERIFIED.id())
                .containsEntry("verifiedAt", AT.toString())
                .containsEntry("purpose", "sms_marketing")
                .containsEntry("sub", "phone:hash");
        assertThat(OPT_IN.claims().toString()).doesNotContain("7911123456");
    }
}
