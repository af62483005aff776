package io.consentline.testsupport.badinput;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One generated request that a service must refuse: a 4xx problem+json naming {@link #field()} when it is
 * set, and nothing stored.
 *
 * @param label what kind of bad input this is, e.g. {@code wrong type at identifiers[0]}
 * @param target the path and query, already percent-encoded
 * @param headers request headers (the bearer token, Content-Type, ...)
 * @param body the raw body; {@code null} for none
 * @param field the field the problem must name (or a parent or child of it); {@code null} when none is expected
 * @param status the exact status expected; 0 for any 4xx
 */
public record BadCase(String label, String method, String target, Map<String, String> headers, byte[] body,
        String field, int status) {

    public static BadCase of(String label, String method, String target) {
        return new BadCase(label, method, target, Map.of(), null, null, 0);
    }

    public BadCase header(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new BadCase(label, method, target, all, body, field, status);
    }

    public BadCase headers(Map<String, String> more) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putAll(more);
        return new BadCase(label, method, target, all, body, field, status);
    }

    public BadCase body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public BadCase body(byte[] bytes) {
        return new BadCase(label, method, target, headers, bytes, field, status);
    }

    public BadCase field(String expected) {
        return new BadCase(label, method, target, headers, body, expected, status);
    }

    public BadCase label(String text) {
        return new BadCase(text, method, target, headers, body, field, status);
    }

    public BadCase target(String pathAndQuery) {
        return new BadCase(label, method, pathAndQuery, headers, body, field, status);
    }

    public BadCase status(int expected) {
        return new BadCase(label, method, target, headers, body, field, expected);
    }

    /** This case with an invalid JSON body: its bytes, the field it breaks and any exact status it needs. */
    public BadCase json(JsonBodyCases.Body invalid) {
        return new BadCase(label + ": " + invalid.label(), method, target, headers, invalid.bytes(), invalid.field(),
                invalid.expectedStatus());
    }

    /** A target with query parameters, each percent-encoded as UTF-8 (null values are left out). */
    public static String target(String path, Map<String, String> query) {
        StringJoiner q = new StringJoiner("&");
        query.forEach((name, value) -> {
            if (value != null) {
                q.add(encode(name) + "=" + encode(value));
            }
        });
        return q.length() == 0 ? path : path + "?" + q;
    }

    /** A path segment (or query value) percent-encoded, so any text can travel in it. */
    public static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** For failure reports: the request as text, long bodies cut. */
    public String describe() {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (text.length() > 1200) {
            text = text.substring(0, 1200) + "... (" + body.length + " bytes)";
        }
        Map<String, String> shown = new LinkedHashMap<>(headers);
        shown.computeIfPresent("Authorization", (k, v) -> "Bearer <valid test token>");
        String path = target.length() > 300 ? target.substring(0, 300) + "... (" + target.length() + " chars)" : target;
        return "[" + label + "] " + method + " " + path + " headers=" + shown + " expected field=" + field
                + (body == null ? "" : " body=" + text);
    }
}
