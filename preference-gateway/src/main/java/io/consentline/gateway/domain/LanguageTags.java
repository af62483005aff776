package io.consentline.gateway.domain;

import java.util.regex.Pattern;

/**
 * Short BCP 47 language tags (RFC 5646) such as {@code en}, {@code de-CH}, {@code zh-Hant-TW}: a 2–3 letter
 * language and up to three subtags. Private-use and grandfathered forms are not accepted.
 */
public final class LanguageTags {

    public static final int MAX_LENGTH = 35;
    private static final Pattern TAG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}");

    private LanguageTags() {
    }

    public static boolean isValid(String tag) {
        return tag != null && tag.length() <= MAX_LENGTH && TAG.matcher(tag).matches();
    }
}
