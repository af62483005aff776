package io.consentline.audit.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One recorded consent change, as a compliance officer reads it: what changed, when, through which source,
 * under which policy text, and the evidence seen.
 *
 * @param id the entry's position in the log; pages are cut in this order
 * @param before the status before the change, null when there was no record
 * @param occurredAt when the change happened
 * @param recordedAt when the audit log appended it
 * @param evidence the evidence as received (IP address, user agent, OTP challenge, agent, recording, ...)
 * @param causationId the submission or request that caused the change
 */
public record AuditEntry(long id, String eventId, String subjectId, String identifierType, String purpose,
        String channel, String before, String after, String source, Instant occurredAt, Instant recordedAt,
        String policyVersion, String policyTextHash, Map<String, Object> evidence, String causationId) {

    public AuditEntry {
        // kept in the order and with the fields it was received in
        evidence = evidence == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }
}
