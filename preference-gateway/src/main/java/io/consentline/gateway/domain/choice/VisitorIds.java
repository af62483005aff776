package io.consentline.gateway.domain.choice;

import java.util.regex.Pattern;

/** The banner's visitor ids: 8 to 64 URL-safe characters, random per browser (a cookie value). */
public final class VisitorIds {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{8,64}");

    private VisitorIds() {
    }

    public static boolean isValid(String visitorId) {
        return visitorId != null && ID.matcher(visitorId).matches();
    }
}
