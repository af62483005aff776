package io.consentline.consent.domain;

import java.util.Locale;
import java.util.regex.Pattern;

import io.consentline.consent.domain.phone.InvalidPhoneNumberException;
import io.consentline.consent.domain.phone.PhoneNumbers;
import io.consentline.consent.domain.phone.ValidNumber;
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
            case PHONE -> new Identifier(type, validPhone(value, defaultRegion).e164());
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

    /**
     * A phone number, validated once, with what a check needs besides its E.164 form (its time zones);
     * refused exactly as {@link #normalize} refuses it.
     */
    public static ValidNumber normalizePhone(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentifierException("is required");
        }
        String value = raw.strip();
        if (value.length() > MAX_LENGTH) {
            throw new InvalidIdentifierException("is longer than " + MAX_LENGTH + " characters");
        }
        return validPhone(value, defaultRegion);
    }

    private static ValidNumber validPhone(String value, String defaultRegion) {
        try {
            return PhoneNumbers.validate(value, defaultRegion);
        } catch (InvalidPhoneNumberException e) {
            throw new InvalidIdentifierException("is invalid: " + e.getMessage());
        }
    }

    /** Why an identifier was refused. */
    public static class InvalidIdentifierException extends RuntimeException {

        public InvalidIdentifierException(String reason) {
            super(reason);
        }
    }
}
