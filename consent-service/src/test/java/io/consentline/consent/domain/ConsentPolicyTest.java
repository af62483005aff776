package io.consentline.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;

class ConsentPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private static CurrentConsent consent(ConsentStatus status, Instant expiresAt) {
        return new CurrentConsent(7, status, NOW.minusSeconds(3600), expiresAt, ConsentSource.BANNER, "v1");
    }

    @Test
    void noRecordMeansNoConsent() {
        Decision decision = ConsentPolicy.decide(Optional.empty(), NOW);

        assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.reasons()).containsExactly(Reason.NO_CONSENT);
        assertThat(decision.decidedBy()).isNull();
    }

    @Test
    void liveGrantAllows() {
        Decision decision = ConsentPolicy.decide(Optional.of(consent(ConsentStatus.GRANTED, null)), NOW);

        assertThat(decision.allows()).isTrue();
        assertThat(decision.decidedBy().recordId()).isEqualTo(7);
    }

    @Test
    void withdrawnConsentDenies() {
        Decision decision = ConsentPolicy.decide(Optional.of(consent(ConsentStatus.DENIED, null)), NOW);

        assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
        assertThat(decision.reasons()).containsExactly(Reason.OPTED_OUT);
    }

    @Test
    void grantDeniesFromTheInstantItExpires() {
        assertThat(ConsentPolicy.decide(Optional.of(consent(ConsentStatus.GRANTED, NOW)), NOW).reasons())
                .containsExactly(Reason.EXPIRED);
        assertThat(ConsentPolicy.decide(Optional.of(consent(ConsentStatus.GRANTED, NOW.plusSeconds(1))), NOW).allows())
                .isTrue();
    }
}
