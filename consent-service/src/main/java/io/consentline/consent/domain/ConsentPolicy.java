package io.consentline.consent.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.consentline.events.ConsentStatus;

/**
 * Decides whether a purpose may be pursued on a channel, given the current consent. Opt-in by default: when
 * in doubt, the answer is DENY.
 */
public final class ConsentPolicy {

    private ConsentPolicy() {
    }

    public static Decision decide(Optional<CurrentConsent> current, Instant at) {
        if (current.isEmpty()) {
            return new Decision(Outcome.DENY, List.of(Reason.NO_CONSENT), null, at);
        }
        CurrentConsent consent = current.get();
        if (consent.status() == ConsentStatus.DENIED) {
            return new Decision(Outcome.DENY, List.of(Reason.OPTED_OUT), consent, at);
        }
        if (consent.isExpiredAt(at)) {
            return new Decision(Outcome.DENY, List.of(Reason.EXPIRED), consent, at);
        }
        return new Decision(Outcome.ALLOW, List.of(Reason.CONSENT_GRANTED), consent, at);
    }
}
