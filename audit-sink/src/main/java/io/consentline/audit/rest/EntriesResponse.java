package io.consentline.audit.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.consentline.audit.domain.AuditEntry;
import io.consentline.audit.domain.AuditPage;
import io.consentline.audit.domain.EntryType;
import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.ChainHash;

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
     * One entry of the log: a consent change, a submission, or an erasure. Personal data is never in it; an
     * access request shows it.
     *
     * @param type {@code change}, {@code submission} or {@code erasure}
     * @param seq the entry's position in the tenant's hash chain
     * @param purpose the change's purpose; null for submissions (see {@code purposes}) and erasures
     * @param before the status before the change; null when there was no record, and for other entry types
     * @param occurredAt when it happened
     * @param recordedAt when the audit log recorded it
     * @param evidence the evidence without personal fields (site, agent, OTP challenge, recording, rule, ...)
     * @param causationId for changes, the submission or request that caused it
     * @param facts the event's data without personal fields, as received
     * @param hash the entry's chain hash (hex)
     */
    public record Entry(String eventId, String type, long seq, String subjectId, String identifierType,
            String purpose, List<String> purposes, String channel, String source, String before, String after,
            Instant occurredAt, Instant recordedAt, String policyVersion, String policyTextHash,
            Object evidence, String causationId, Map<String, Object> facts, String hash) {

        static Entry of(AuditEntry e) {
            AuditRecord r = e.record();
            EntryType type = EntryType.ofEventType(r.eventType());
            return new Entry(r.eventId(), type == null ? r.eventType() : type.wireName(), r.seq(), r.subjectId(),
                    r.identifierType(), type == EntryType.CHANGE && !r.purposes().isEmpty() ? r.purposes().get(0) : null,
                    r.purposes(), r.channel(), r.source(), r.statusBefore(), r.statusAfter(), r.occurredAt(),
                    r.recordedAt(), e.fact("policyVersion"), e.fact("policyTextHash"), e.facts().get("evidence"),
                    r.causationId(), e.facts(), ChainHash.hex(r.hash()));
        }
    }
}
