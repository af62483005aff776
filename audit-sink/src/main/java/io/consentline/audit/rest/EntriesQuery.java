package io.consentline.audit.rest;

import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;

import io.consentline.audit.domain.AuditQuery;
import io.consentline.audit.domain.EntryType;
import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;
import io.consentline.kit.problem.ProblemException;
import io.consentline.kit.time.Instants;

/**
 * The query parameters of the entries list and the export, parsed and validated; each failure names its
 * parameter. All filters are optional; a subject is found either by {@code identifierType} + {@code identifier}
 * or by {@code subjectId}, never both.
 */
final class EntriesQuery {

    static final int MAX_IDENTIFIER_LENGTH = 256;
    static final int MAX_SUBJECT_ID_LENGTH = 128;
    static final Pattern ASCII_NUMBER = Pattern.compile("[0-9]{1,19}");
    private static final Pattern HIDDEN = Pattern.compile("\\p{C}");
    private static final Pattern PURPOSE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private EntriesQuery() {
    }

    /** The raw parameters, as received. */
    record Params(String identifierType, String identifier, String subjectId, String purpose, String channel,
            String source, String type, String from, String to, String limit, String after) {
    }

    static AuditQuery parse(Params p) {
        Identifier identifier = null;
        String subjectId = null;
        boolean byIdentifier = present(p.identifierType()) || present(p.identifier());
        if (byIdentifier && present(p.subjectId())) {
            throw ProblemException.invalidField("subjectId",
                    "give either identifierType and identifier, or subjectId, not both");
        }
        if (byIdentifier) {
            identifier = parseIdentifier(p.identifierType(), p.identifier());
        } else if (present(p.subjectId())) {
            subjectId = parseSubjectId(p.subjectId());
        }
        Instant from = parseInstant("from", p.from());
        Instant to = parseInstant("to", p.to());
        if (from != null && to != null && !from.isBefore(to)) {
            throw ProblemException.invalidField("to", "to must be after from");
        }
        return new AuditQuery(identifier, subjectId, parsePurpose(p.purpose()), parseChannel(p.channel()),
                parseSource(p.source()), parseType(p.type()), from, to, parseAfter(p.after()), parseLimit(p.limit()));
    }

    static Identifier parseIdentifier(String identifierType, String identifier) {
        if (!present(identifierType)) {
            throw ProblemException.invalidField("identifierType", "identifierType is required with identifier");
        }
        IdentifierType type = IdentifierType.fromWireName(identifierType.strip());
        if (type == null) {
            throw ProblemException.invalidField("identifierType",
                    "identifierType must be one of phone, email, visitor, customer");
        }
        if (!present(identifier)) {
            throw ProblemException.invalidField("identifier", "identifier is required with identifierType");
        }
        String value = identifier.strip();
        if (value.length() > MAX_IDENTIFIER_LENGTH) {
            throw ProblemException.invalidField("identifier", "identifier is longer than " + MAX_IDENTIFIER_LENGTH);
        }
        return new Identifier(type, value);
    }

    static String parseSubjectId(String subjectId) {
        // strip, not trim: trim would also cut NUL and other control characters off the ends, quietly
        String value = subjectId.strip();
        if (value.length() > MAX_SUBJECT_ID_LENGTH) {
            throw ProblemException.invalidField("subjectId", "subjectId is longer than " + MAX_SUBJECT_ID_LENGTH);
        }
        // compared as text in PostgreSQL, which cannot even hold a NUL: a subject id is printable, or it is no id
        if (value.isEmpty() || HIDDEN.matcher(value).find()) {
            throw ProblemException.invalidField("subjectId", "subjectId has control or invisible characters");
        }
        return value;
    }

    private static String parsePurpose(String purpose) {
        if (!present(purpose)) {
            return null;
        }
        if (!PurposeChoice.ALL_PURPOSES.equals(purpose) && !PURPOSE.matcher(purpose).matches()) {
            throw ProblemException.invalidField("purpose",
                    "purpose must be a lower-case slug such as marketing, or * for every purpose");
        }
        return purpose;
    }

    private static String parseChannel(String channel) {
        if (!present(channel)) {
            return null;
        }
        if (Channel.fromWireName(channel.strip()) == null) {
            throw ProblemException.invalidField("channel", "channel must be one of voice, sms, email, web");
        }
        return channel.strip();
    }

    private static String parseSource(String source) {
        if (!present(source)) {
            return null;
        }
        String[] known = Arrays.stream(ConsentSource.values())
                .map(s -> s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toArray(String[]::new);
        if (!Arrays.asList(known).contains(source.strip())) {
            throw ProblemException.invalidField("source", "source must be one of " + String.join(", ", known));
        }
        return source.strip();
    }

    private static EntryType parseType(String type) {
        if (!present(type)) {
            return null;
        }
        EntryType parsed = EntryType.fromWireName(type.strip());
        if (parsed == null) {
            throw ProblemException.invalidField("type", "type must be one of change, submission, erasure");
        }
        return parsed;
    }

    private static Instant parseInstant(String field, String value) {
        if (!present(value)) {
            return null;
        }
        return Instants.parse(field, value);
    }

    private static int parseLimit(String limit) {
        if (!present(limit)) {
            return AuditQuery.DEFAULT_LIMIT;
        }
        int parsed;
        try {
            // ASCII digits only: parseInt also reads Arabic-Indic or full-width digits
            parsed = ASCII_NUMBER.matcher(limit.strip()).matches() ? Integer.parseInt(limit.strip()) : -1;
        } catch (NumberFormatException e) {
            parsed = -1;
        }
        if (parsed < 1 || parsed > AuditQuery.MAX_LIMIT) {
            throw ProblemException.invalidField("limit",
                    "limit must be a whole number from 1 to " + AuditQuery.MAX_LIMIT);
        }
        return parsed;
    }

    /** The cursor is the last entry's position on the previous page, as answered in {@code nextCursor}. */
    private static long parseAfter(String after) {
        if (!present(after)) {
            return 0;
        }
        try {
            if (!ASCII_NUMBER.matcher(after.strip()).matches()) {
                throw new NumberFormatException();
            }
            long parsed = Long.parseLong(after.strip());
            if (parsed >= 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField("after", "after must be a nextCursor from a previous page");
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
