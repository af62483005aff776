package io.consentline.consent.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.consentline.consent.domain.Purposes;
import io.consentline.events.Channel;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.problem.ProblemException;

/** The check's query parameters, parsed and validated; each failure names its parameter. */
record CheckQuery(Identifier identifier, String purpose, Channel channel, Instant at) {

    static final int MAX_IDENTIFIER_LENGTH = 256;

    static CheckQuery parse(String identifierType, String identifier, String purpose, String channel, String at,
            Instant now) {
        IdentifierType type = IdentifierType.fromWireName(required("identifierType", identifierType));
        if (type == null) {
            throw ProblemException.invalidField("identifierType", "identifierType must be one of phone, email, visitor, customer");
        }
        String value = required("identifier", identifier).trim();
        if (value.length() > MAX_IDENTIFIER_LENGTH) {
            throw ProblemException.invalidField("identifier", "identifier is longer than " + MAX_IDENTIFIER_LENGTH);
        }
        if (!Purposes.isValid(required("purpose", purpose))) {
            throw ProblemException.invalidField("purpose", "purpose must be a lower-case slug such as marketing");
        }
        Channel parsedChannel = Channel.fromWireName(required("channel", channel));
        if (parsedChannel == null) {
            throw ProblemException.invalidField("channel", "channel must be one of voice, sms, email, web");
        }
        return new CheckQuery(new Identifier(type, value), purpose, parsedChannel, parseInstant(at, now));
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.invalidField(name, name + " is required");
        }
        return value;
    }

    private static Instant parseInstant(String at, Instant now) {
        if (at == null || at.isBlank()) {
            return now;
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField("at", "at must be an ISO-8601 instant such as 2026-11-23T10:15:30Z");
        }
    }
}
