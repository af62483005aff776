package io.consentline.gateway.domain.site;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Site ids: given by the admin as a slug ({@code shop-eu}) or generated ({@code site_3f9a...}). They are public
 * (the banner sends them), so a generated one carries 80 random bits and reveals nothing.
 */
public final class SiteIds {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9_-]{2,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private SiteIds() {
    }

    public static boolean isValid(String id) {
        return id != null && SLUG.matcher(id).matches();
    }

    public static String generate() {
        byte[] bytes = new byte[10];
        RANDOM.nextBytes(bytes);
        return "site_" + HexFormat.of().formatHex(bytes);
    }
}
