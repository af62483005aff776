package io.consentline.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One consent record changed ({@value EventTypes#CHANGED}): what it was before, what it is now, and the proof.
 *
 * @param subjectId consent-service's stable id of the subject
 * @param identifier the identifier the change was made through
 * @param before the status before (null when there was no record)
 * @param after the status now
 * @param causationId the id of the event or request that caused the change
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentChanged(
        String subjectId,
        Identifier identifier,
        String purpose,
        Channel channel,
        ConsentStatus before,
        ConsentStatus after,
        ConsentSource source,
        String policyVersion,
        String policyTextHash,
        Evidence evidence,
        Instant changedAt,
        String causationId) implements ConsentEvent {
}
