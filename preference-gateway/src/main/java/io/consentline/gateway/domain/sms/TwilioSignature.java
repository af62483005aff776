package io.consentline.gateway.domain.sms;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Twilio's webhook signature ({@code X-Twilio-Signature}): Base64 of HMAC-SHA1, keyed with the account's auth
 * token, over the full URL Twilio called followed by every POST parameter name and value, sorted by name
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-security). Like Twilio's own validators, the URL is also
 * tried with and without the scheme's default port, which proxies add or drop.
 */
public final class TwilioSignature {

    private TwilioSignature() {
    }

    /** The signature Twilio sends for this URL and these form parameters. */
    public static String of(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        for (Map.Entry<String, List<String>> param : new TreeMap<>(params).entrySet()) {
            List<String> values = new ArrayList<>(param.getValue());
            values.sort(null);
            for (String value : values) {
                data.append(param.getKey()).append(value);
            }
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** Whether {@code signature} is Twilio's for the request; compared in constant time. */
    public static boolean isValid(String authToken, String url, Map<String, List<String>> params, String signature) {
        if (authToken == null || authToken.isEmpty() || signature == null || signature.isBlank()) {
            return false;
        }
        byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
        boolean valid = false;
        for (String candidate : urlVariants(url)) {
            // no early exit: every variant is compared
            valid |= MessageDigest.isEqual(given, of(authToken, candidate, params).getBytes(StandardCharsets.UTF_8));
        }
        return valid;
    }

    static Set<String> urlVariants(String url) {
        Set<String> variants = new LinkedHashSet<>();
        variants.add(url);
        try {
            URI uri = URI.create(url);
            int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
            String rest = (uri.getRawPath() == null ? "" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String base = uri.getScheme() + "://" + uri.getHost();
            if (uri.getPort() == -1) {
                variants.add(base + ":" + defaultPort + rest);
            } else if (uri.getPort() == defaultPort) {
                variants.add(base + rest);
            }
        } catch (IllegalArgumentException e) {
            // not a URI: only the string as given
        }
        return variants;
    }
}
