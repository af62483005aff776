package io.consentline.consent.domain;

import java.util.regex.Pattern;

/** Purpose names are lower-case slugs such as {@code marketing}, {@code sales_calls}, {@code analytics}. */
public final class Purposes {

    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private Purposes() {
    }

    public static boolean isValid(String purpose) {
        return purpose != null && SLUG.matcher(purpose).matches();
    }
}
