package io.consentline.consent.domain;

import java.time.Instant;
import java.util.List;

/**
 * A check's answer: the outcome, why, and the consent record that decided it (null when there was none).
 *
 * @param nextAllowedAt when the only obstacle is the calling window: when it opens next (else null)
 * @param suppressedBy the suppression lists that hold the number (empty when none)
 */
public record Decision(Outcome outcome, List<Reason> reasons, CurrentConsent decidedBy, Instant at,
        Instant nextAllowedAt, List<String> suppressedBy) {

    public Decision {
        reasons = List.copyOf(reasons);
        suppressedBy = List.copyOf(suppressedBy);
    }

    public boolean allows() {
        return outcome == Outcome.ALLOW;
    }
}
