package io.consentline.audit.rest;

import java.util.regex.Pattern;

import io.consentline.audit.domain.AuditQuery;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.problem.ProblemException;

/**
 * The entries query's parameters, parsed and validated; each failure names its parameter. A subject is found
 * either by {@code identifierType} + {@code identifier} or by {@code subjectId}, never both.
 */
record EntriesQuery(Identifier identifier, String subjectId, String purpose, long after, int limit) {

    static final int MAX_IDENTIFIER_LENGTH = 256;
    static final int MAX_SUBJECT_ID_LENGTH = 128;
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    static EntriesQuery parse(String identifierType, String identifier, String subjectId, String purpose,
            String limit, String after) {
        boolean byIdentifier = present(identifierType) || present(identifier);
        if (byIdentifier && present(subjectId)) {
            throw ProblemException.invalidField("subjectId",
                    "give either identifierType and identifier, or subjectId, not both");
        }
        if (!byIdentifier && !present(subjectId)) {
            throw ProblemException.invalidField("identifier",
                    "identifierType and identifier, or subjectId, are required");
        }
        return new EntriesQuery(byIdentifier ? parseIdentifier(identifierType, identifier) : null,
                byIdentifier ? null : parseSubjectId(subjectId), parsePurpose(purpose), parseAfter(after),
                parseLimit(limit));
    }

    AuditQuery toAuditQuery() {
        return new AuditQuery(identifier, subjectId, purpose, after, limit);
    }

    private static Identifier parseIdentifier(String identifierType, String identifier) {
        if (!present(identifierType)) {
            throw ProblemException.invalidField("identifierType", "identifierType is required with identifier");
        }
        IdentifierType type = IdentifierType.fromWireName(identifierType);
        if (type == null) {
            throw ProblemException.invalidField("identifierType",
                    "identifierType must be one of phone, email, visitor, customer");
        }
        if (!present(identifier)) {
            throw ProblemException.invalidField("identifier", "identifier is required with identifierType");
        }
        String value = identifier.trim();
        if (value.length() > MAX_IDENTIFIER_LENGTH) {
            throw ProblemException.invalidField("identifier", "identifier is longer than " + MAX_IDENTIFIER_LENGTH);
        }
        return new Identifier(type, value);
    }

    private static String parseSubjectId(String subjectId) {
        String value = subjectId.trim();
        if (value.length() > MAX_SUBJECT_ID_LENGTH) {
            throw ProblemException.invalidField("subjectId", "subjectId is longer than " + MAX_SUBJECT_ID_LENGTH);
        }
        return value;
    }

    private static String parsePurpose(String purpose) {
        if (!present(purpose)) {
            return null;
        }
        if (!PURPOSE.matcher(purpose).matches()) {
            throw ProblemException.invalidField("purpose", "purpose must be a lower-case slug such as marketing");
        }
        return purpose;
    }

    private static int parseLimit(String limit) {
        if (!present(limit)) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(limit.trim());
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 1 || parsed > AuditQuery.MAX_LIMIT) {
            throw ProblemException.invalidField("limit",
                    "limit must be a whole number from 1 to " + AuditQuery.MAX_LIMIT);
        }
        return parsed;
    }

    /** The cursor is the last entry id of the previous page, as answered in {@code nextCursor}. */
    private static long parseAfter(String after) {
        if (!present(after)) {
            return 0;
        }
        try {
            long parsed = Long.parseLong(after.trim());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("after", "after must be a nextCursor from a previous page");
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
