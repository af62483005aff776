package io.consentline.consent.domain;

import java.time.Instant;
import java.util.List;

/**
 * A check's answer: the outcome, why, and the consent record that decided it (null when there was none).
 */
public record Decision(Outcome outcome, List<Reason> reasons, CurrentConsent decidedBy, Instant at) {

    public Decision {
        reasons = List.copyOf(reasons);
    }

    public boolean allows() {
        return outcome == Outcome.ALLOW;
    }
}
