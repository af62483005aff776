package io.consentline.audit.domain;

import java.time.Instant;

import io.consentline.events.Identifier;

/**
 * Which entries a compliance officer asks for, all filters optional: one subject's (by identifier or by
 * consent-service's subject id, not both), of a purpose, channel, source or entry type, in a time range of
 * occurrence, as a page after a cursor. The tenant is not part of it: it always comes from the caller's token.
 *
 * @param type {@code change}, {@code submission} or {@code erasure}; null for all
 * @param from entries that occurred at or after this instant; null for no lower bound
 * @param to entries that occurred before this instant; null for no upper bound
 * @param after only entries after this position (the cursor); 0 for the first page
 * @param limit at most this many entries, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(Identifier identifier, String subjectId, String purpose, String channel, String source,
        EntryType type, Instant from, Instant to, long after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if (identifier != null && subjectId != null) {
            throw new IllegalArgumentException("at most one of identifier and subjectId");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /** The same filters, for the page after {@code position}. */
    public AuditQuery startingAfter(long position) {
        return new AuditQuery(identifier, subjectId, purpose, channel, source, type, from, to, position, limit);
    }
}
