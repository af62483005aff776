package io.consentline.audit.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.consentline.audit.domain.AuditEntry;
import io.consentline.audit.domain.AuditPage;

/**
 * A page of audit entries, oldest first.
 *
 * @param nextCursor pass as {@code after} to get the next page; null on the last page
 */
public record EntriesResponse(List<Entry> entries, String nextCursor) {

    static EntriesResponse of(AuditPage page) {
        return new EntriesResponse(page.entries().stream().map(Entry::of).toList(),
                page.nextAfter() == null ? null : Long.toString(page.nextAfter()));
    }

    /**
     * One recorded consent change.
     *
     * @param before the status before the change; null when there was no record
     * @param occurredAt when the change happened
     * @param recordedAt when the audit log recorded it
     * @param causationId the submission or request that caused the change
     */
    public record Entry(String eventId, String subjectId, String identifierType, String purpose, String channel,
            String before, String after, String source, Instant occurredAt, Instant recordedAt, String policyVersion,
            String policyTextHash, Map<String, Object> evidence, String causationId) {

        static Entry of(AuditEntry e) {
            return new Entry(e.eventId(), e.subjectId(), e.identifierType(), e.purpose(), e.channel(), e.before(),
                    e.after(), e.source(), e.occurredAt(), e.recordedAt(), e.policyVersion(), e.policyTextHash(),
                    e.evidence(), e.causationId());
        }
    }
}
