package io.consentline.gateway.domain.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.consentline.gateway.domain.otp.OtpChallenge.Outcome;

class OtpChallengeTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final CodeHasher CODES = new CodeHasher(new byte[32]);
    private static final String ID = "6f1c2d7e-0a4b-4c36-9d1e-2b8f7a5c3e90";
    private static final OtpChallenge CHALLENGE = new OtpChallenge(ID, "acme", "shop-eu", "sms_marketing",
            "phone-hash", CODES.hash(ID, "493817"), "en", T0, T0.plus(Duration.ofMinutes(10)), 0, null);

    private static OtpChallenge.Attempt attempt(OtpChallenge c, String phoneHash, String code, Instant at) {
        return c.attempt(phoneHash, CODES.hash(ID, code), 5, at);
    }

    @Test
    void theRightCodeFromTheSameNumberBeforeExpiryVerifiesAndRecordsWhen() {
        OtpChallenge.Attempt attempt = attempt(CHALLENGE, "phone-hash", "493817", T0.plusSeconds(30));

        assertThat(attempt.outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(attempt.challenge().verifiedAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aCodeIsSingleUse() {
        OtpChallenge used = attempt(CHALLENGE, "phone-hash", "493817", T0.plusSeconds(30)).challenge();

        assertThat(attempt(used, "phone-hash", "493817", T0.plusSeconds(31)).outcome()).isEqualTo(Outcome.ALREADY_USED);
    }

    @Test
    void aWrongCodeIsCountedAndTheLimitEndsTheChallenge() {
        OtpChallenge c = CHALLENGE;
        for (int i = 0; i < 5; i++) {
            OtpChallenge.Attempt wrong = attempt(c, "phone-hash", "000000", T0.plusSeconds(i));
            assertThat(wrong.outcome()).isEqualTo(Outcome.WRONG_CODE);
            c = wrong.challenge();
        }

        assertThat(c.attempts()).isEqualTo(5);
        assertThat(attempt(c, "phone-hash", "493817", T0.plusSeconds(10)).outcome()).isEqualTo(Outcome.TOO_MANY_ATTEMPTS);
    }

    @Test
    void theRightCodeFromAnotherNumberDoesNotVerifyAndCounts() {
        OtpChallenge.Attempt attempt = attempt(CHALLENGE, "other-phone-hash", "493817", T0.plusSeconds(30));

        assertThat(attempt.outcome()).isEqualTo(Outcome.WRONG_NUMBER);
        assertThat(attempt.challenge().attempts()).isEqualTo(1);
    }

    @Test
    void anExpiredCodeDoesNotVerify() {
        assertThat(attempt(CHALLENGE, "phone-hash", "493817", T0.plus(Duration.ofMinutes(10))).outcome())
                .isEqualTo(Outcome.EXPIRED);
    }

    @Test
    void codesAreStoredOnlyAsKeyedHashesBoundToTheirChallenge() {
        assertThat(CHALLENGE.codeHash()).doesNotContain("493817").hasSize(64);
        assertThat(CODES.hash("another-challenge", "493817")).isNotEqualTo(CHALLENGE.codeHash());
        assertThat(new CodeHasher(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }).hash(ID, "493817"))
                .isNotEqualTo(CHALLENGE.codeHash());
    }

    @Test
    void codesAreRandomDigitsOfTheConfiguredLength() {
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String code = OtpCodes.generate(6);
            assertThat(code).matches("[0-9]{6}");
            codes.add(code);
        }
        assertThat(codes).hasSizeGreaterThan(190);
    }
}
