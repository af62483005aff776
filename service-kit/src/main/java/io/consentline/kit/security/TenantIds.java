package io.consentline.kit.security;

import java.util.regex.Pattern;

/** Tenant ids are short slugs: lower-case letters, digits and dashes. */
public final class TenantIds {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private TenantIds() {
    }

    public static boolean isValid(String tenant) {
        return tenant != null && SLUG.matcher(tenant).matches();
    }
}
