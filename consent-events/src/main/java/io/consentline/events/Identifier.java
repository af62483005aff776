package io.consentline.events;

/**
 * One identifier of a subject. The value is personal data: log it only through {@link #masked()}.
 */
public record Identifier(IdentifierType type, String value) {

    public Identifier {
        java.util.Objects.requireNonNull(type, "type");
        java.util.Objects.requireNonNull(value, "value");
    }

    /** A log-safe form: the type and the last two characters only. */
    public String masked() {
        String tail = value.length() <= 2 ? "" : value.substring(value.length() - 2);
        return type.wireName() + ":***" + tail;
    }

    @Override
    public String toString() {
        return masked();
    }
}
