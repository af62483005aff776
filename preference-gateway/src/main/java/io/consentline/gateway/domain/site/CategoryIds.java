package io.consentline.gateway.domain.site;

import java.util.regex.Pattern;

/**
 * Category ids are lower-case slugs such as {@code analytics} or {@code social_media}. They become consent
 * purposes in consent-service, so they follow its purpose rule (letters, digits, underscores; a letter first).
 */
public final class CategoryIds {

    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private CategoryIds() {
    }

    public static boolean isValid(String id) {
        return id != null && SLUG.matcher(id).matches();
    }
}
