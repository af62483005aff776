package io.consentline.consent.domain;

import java.util.regex.Pattern;

import io.consentline.events.PurposeChoice;

/** Purpose names are lower-case slugs such as {@code marketing}, {@code sales_calls}, {@code analytics}. */
public final class Purposes {

    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private Purposes() {
    }

    public static boolean isValid(String purpose) {
        return purpose != null && SLUG.matcher(purpose).matches();
    }

    /** A purpose name, or {@value PurposeChoice#ALL_PURPOSES} for every purpose on a channel. */
    public static boolean isValidOrAll(String purpose) {
        return isAll(purpose) || isValid(purpose);
    }

    public static boolean isAll(String purpose) {
        return PurposeChoice.ALL_PURPOSES.equals(purpose);
    }
}
