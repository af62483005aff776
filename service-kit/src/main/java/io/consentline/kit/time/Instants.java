package io.consentline.kit.time;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.consentline.kit.problem.ProblemException;

/**
 * Instants a client may give: ISO-8601, from 1970 to the end of year 9999. {@link Instant} itself reaches a
 * billion years either way, which PostgreSQL's {@code timestamptz}, JWS claims in seconds and date arithmetic do
 * not; such values are refused as the client's mistake (400 naming the field), not failed on later (5xx).
 */
public final class Instants {

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Instants() {
    }

    /** The instant, or a 400 naming {@code field} when it is outside the range. {@code null} stays null. */
    public static Instant inRange(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw ProblemException.invalidField(field, field + " must be between 1970 and 9999");
        }
        return value;
    }

    /** Parses an ISO-8601 instant such as 2026-11-23T10:15:30Z; a 400 naming {@code field} otherwise. */
    public static Instant parse(String field, String text) {
        try {
            return inRange(field, Instant.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field,
                    field + " must be an ISO-8601 instant such as 2026-11-23T10:15:30Z");
        }
    }
}
