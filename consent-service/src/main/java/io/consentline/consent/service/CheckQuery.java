package io.consentline.consent.service;

import java.time.Instant;

import io.consentline.consent.domain.Purposes;
import io.consentline.events.Channel;
import io.consentline.events.IdentifierType;
import io.consentline.kit.problem.ProblemException;
import io.consentline.kit.time.Instants;

/**
 * The check's query parameters, parsed and validated; each failure names its parameter. Either {@code phone}
 * or {@code identifierType} + {@code identifier}.
 *
 * @param field the parameter the identifier came from, for errors found later (e.g. an invalid number)
 */
public record CheckQuery(IdentifierType identifierType, String identifier, String field, String purpose,
        Channel channel, Instant at) {

    public static CheckQuery parse(String phone, String identifierType, String identifier, String purpose, String channel,
            String at, Instant now) {
        IdentifierType type;
        String value;
        String field;
        if (phone != null && !phone.isBlank()) {
            if (identifierType != null || identifier != null) {
                throw ProblemException.invalidField("phone", "give either phone or identifierType and identifier");
            }
            type = IdentifierType.PHONE;
            value = phone;
            field = "phone";
        } else {
            if ((identifierType == null || identifierType.isBlank()) && (identifier == null || identifier.isBlank())) {
                throw ProblemException.invalidField("phone", "phone (or identifierType and identifier) is required");
            }
            type = IdentifierType.fromWireName(required("identifierType", identifierType));
            if (type == null) {
                throw ProblemException.invalidField("identifierType",
                        "identifierType must be one of phone, email, visitor, customer");
            }
            value = required("identifier", identifier);
            field = "identifier";
        }
        if (!Purposes.isValid(required("purpose", purpose))) {
            throw ProblemException.invalidField("purpose", "purpose must be a lower-case slug such as marketing");
        }
        Channel parsedChannel = Channel.fromWireName(required("channel", channel));
        if (parsedChannel == null) {
            throw ProblemException.invalidField("channel", "channel must be one of voice, sms, email, web");
        }
        return new CheckQuery(type, value, field, purpose, parsedChannel, parseInstant(at, now));
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
        return Instants.parse("at", at);
    }
}
