package io.consentline.audit.domain;

import io.consentline.events.Identifier;

/**
 * Which entries a compliance officer asks for: one subject's, found either by an identifier or by
 * consent-service's subject id, optionally for one purpose, as a page after a cursor. The tenant is not part of
 * it: it always comes from the caller's token.
 *
 * @param identifier the identifier to find the subject by; null when {@code subjectId} is given
 * @param subjectId consent-service's subject id; null when {@code identifier} is given
 * @param purpose only entries for this purpose; null for all
 * @param after only entries after this entry id (the cursor); 0 for the first page
 * @param limit at most this many entries, 1 to {@value #MAX_LIMIT}
 */
public record AuditQuery(Identifier identifier, String subjectId, String purpose, long after, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        if ((identifier == null) == (subjectId == null)) {
            throw new IllegalArgumentException("exactly one of identifier and subjectId is required");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative");
        }
    }

    public boolean byIdentifier() {
        return identifier != null;
    }
}
