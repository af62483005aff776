package io.consentline.consent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.consentline.events.ConsentStatus;

/**
 * Decides whether a purpose may be pursued on a channel now. Every obstacle is reported, most decisive first;
 * the answer is ALLOW only when there is none. Opt-in by default: when in doubt, the answer is DENY. A blanket
 * opt-out of a channel (STOP) wins over every grant on it given before or at the same instant; a specific grant
 * given later wins over it.
 */
public final class ConsentPolicy {

    private ConsentPolicy() {
    }

    public static Decision decide(CheckFacts facts) {
        List<Reason> obstacles = new ArrayList<>();
        CurrentConsent consent = facts.consent().orElse(null);
        CurrentConsent blanket = facts.channelWide().orElse(null);
        boolean blanketOptOut = blanket != null && blanket.status() == ConsentStatus.DENIED
                && (consent == null || !blanket.since().isBefore(consent.since()));
        if (blanketOptOut || (consent != null && consent.status() == ConsentStatus.DENIED)) {
            obstacles.add(Reason.OPTED_OUT);
        }
        if (!facts.suppressingLists().isEmpty()) {
            obstacles.add(Reason.SUPPRESSED);
        }
        if (facts.optInRequired()) {
            if (consent == null) {
                obstacles.add(Reason.NO_CONSENT);
            } else if (consent.status() == ConsentStatus.GRANTED && consent.isExpiredAt(facts.at())) {
                obstacles.add(Reason.EXPIRED);
            }
        }
        Instant nextAllowedAt = null;
        if (facts.window() != null) {
            if (facts.calleeZones().isEmpty()) {
                obstacles.add(Reason.CALLING_WINDOW_UNKNOWN);
            } else if (!facts.window().isOpen(facts.at(), facts.calleeZones())) {
                obstacles.add(Reason.OUTSIDE_CALLING_WINDOW);
                if (obstacles.size() == 1) {
                    nextAllowedAt = facts.window().nextOpening(facts.at(), facts.calleeZones()).orElse(null);
                }
            }
        }
        if (!obstacles.isEmpty()) {
            return new Decision(Outcome.DENY, obstacles, blanketOptOut ? blanket : consent, facts.at(), nextAllowedAt,
                    facts.suppressingLists());
        }
        Reason allowedBecause = consent != null && consent.status() == ConsentStatus.GRANTED ? Reason.CONSENT_GRANTED
                : Reason.OPT_IN_NOT_REQUIRED;
        return new Decision(Outcome.ALLOW, List.of(allowedBecause), consent, facts.at(), null, List.of());
    }
}
