package io.consentline.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.consentline.consent.domain.CurrentConsent;
import io.consentline.consent.domain.Decision;
import io.consentline.consent.domain.Outcome;
import io.consentline.consent.domain.Reason;
import io.consentline.consent.service.CheckService.SignedDecision;
import io.consentline.events.ConsentStatus;

/**
 * A check's answer.
 *
 * @param consent the consent record that decided it; absent when there was none
 * @param nextAllowedAt when the calling window opens, if that is the only obstacle
 * @param suppressedBy the suppression lists holding the number
 * @param stateAsOf how fresh the state behind the answer is: read from the system of record at this instant
 * @param decisionToken JWS (EdDSA, Ed25519) over tenant, identifier hash, channel, purpose, decision, reasons, instant
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckResponse(Outcome decision, List<Reason> reasons, DecidingConsent consent, Instant at,
        Instant nextAllowedAt, List<String> suppressedBy, Instant stateAsOf, String decisionToken) {

    static CheckResponse of(SignedDecision signed) {
        Decision decision = signed.decision();
        CurrentConsent c = decision.decidedBy();
        DecidingConsent consent = c == null ? null
                : new DecidingConsent(c.recordId(), c.status(), c.since(), c.expiresAt(),
                        c.source().name().toLowerCase(Locale.ROOT).replace('_', '-'), c.policyVersion());
        return new CheckResponse(decision.outcome(), decision.reasons(), consent, decision.at(),
                decision.nextAllowedAt(), decision.suppressedBy().isEmpty() ? null : decision.suppressedBy(),
                Instant.now(), signed.token());
    }

    /** The record behind a decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DecidingConsent(long recordId, ConsentStatus status, Instant since, Instant expiresAt, String source,
            String policyVersion) {
    }
}
