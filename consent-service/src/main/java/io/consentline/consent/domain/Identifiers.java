package io.consentline.consent.domain;

import java.util.Locale;
import java.util.regex.Pattern;

import io.consentline.consent.domain.phone.InvalidPhoneNumberException;
import io.consentline.consent.domain.phone.PhoneNumbers;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;

/**
 * Normalises identifiers so that one person is one key: phone numbers to E.164 (libphonenumber, with the
 * tenant's default region), emails to lower case; visitor and customer ids are taken as they are.
 */
public final class Identifiers {

    public static final int MAX_LENGTH = 256;
    private static final Pattern EMAIL = Pattern.compile(
            "[^@\\s\\p{C}]{1,64}@[^@\\s\\p{C}]{1,253}\\.[^@\\s.\\p{C}]{2,63}");
    private static final Pattern OPAQUE_ID = Pattern.compile("[\\p{Graph}]{1," + MAX_LENGTH + "}");

    private Identifiers() {
    }

    /** The normalised identifier; {@link InvalidIdentifierException} with a reason that never repeats the value. */
    public static Identifier normalize(IdentifierType type, String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentifierException("is required");
        }
        String value = raw.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException("is longer than " + MAX_LENGTH + " characters");
        }
        return switch (type) {
            case PHONE -> {
                try {
                    yield new Identifier(type, PhoneNumbers.toE164(value, defaultRegion));
                } catch (InvalidPhoneNumberException e) {
                    throw new InvalidIdentifierException("is invalid: " + e.getMessage());
                }
            }
            case EMAIL -> {
                if (!EMAIL.matcher(value).matches()) {
                    throw new InvalidIdentifierException("is not an email address");
                }
                yield new Identifier(type, value.toLowerCase(Locale.ROOT));
            }
            case VISITOR, CUSTOMER -> {
                if (!OPAQUE_ID.matcher(value).matches()) {
                    throw new InvalidIdentifierException("must be printable characters without spaces");
                }
                yield new Identifier(type, value);
            }
        };
    }

    /** Why an identifier was refused. */
    public static class InvalidIdentifierException extends RuntimeException {

        public InvalidIdentifierException(String reason) {
            super(reason);
        }
    }
}
