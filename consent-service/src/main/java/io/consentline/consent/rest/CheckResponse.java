package io.consentline.consent.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.consentline.consent.domain.CurrentConsent;
import io.consentline.consent.domain.Decision;
import io.consentline.consent.domain.Outcome;
import io.consentline.consent.domain.Reason;
import io.consentline.events.ConsentStatus;

/**
 * A check's answer.
 *
 * @param consent the consent record that decided it; absent when there was none
 * @param stateAsOf how fresh the state behind the answer is (read from the system of record at this instant)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResponse(Outcome decision, List<Reason> reasons, DecidingConsent consent, Instant at,
        Instant stateAsOf) {

    static CheckResponse of(Decision decision) {
        CurrentConsent c = decision.decidedBy();
        DecidingConsent consent = c == null ? null
                : new DecidingConsent(c.recordId(), c.status(), c.since(), c.expiresAt(),
                        c.source().name().toLowerCase(java.util.Locale.ROOT), c.policyVersion());
        return new CheckResponse(decision.outcome(), decision.reasons(), consent, decision.at(), Instant.now());
    }

    /** The record behind a decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecidingConsent(long recordId, ConsentStatus status, Instant since, Instant expiresAt, String source,
            String policyVersion) {
    }
}
