package io.consentline.testsupport.security;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One operation of a service's HTTP API, as its OpenAPI document describes it.
 *
 * @param method upper-case HTTP method
 * @param path the path template, e.g. {@code /v1/admin/sites/{id}}
 * @param parameters path, query and header parameters
 * @param requestContentType the first media type the operation's request body takes, when it has one
 */
public record ApiOperation(String method, String path, List<Parameter> parameters, Optional<String> requestContentType) {

    /** {@code "GET /v1/check"}: how the authorization tables name an operation. */
    public String key() {
        return method + " " + path;
    }

    /** Parses {@code "GET /v1/check"}. */
    public static ApiOperation parse(String key) {
        String[] parts = key.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("an operation is 'METHOD /path', not '" + key + "'");
        }
        return new ApiOperation(parts[0].toUpperCase(Locale.ROOT), parts[1], List.of(), Optional.empty());
    }

    /**
     * One parameter.
     *
     * @param in {@code path}, {@code query} or {@code header}
     * @param example the document's example (or first enum value, or default), when it gives one
     */
    public record Parameter(String name, String in, boolean required, Optional<String> example) {
    }
}
