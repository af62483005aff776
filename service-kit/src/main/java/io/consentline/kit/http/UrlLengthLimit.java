package io.consentline.kit.http;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.consentline.kit.problem.Problem;

/**
 * Refuses URLs longer than {@code consentline.http.max-url-chars} (path and query as sent, percent-encoded) with a
 * 414 problem+json naming the longest query parameter, or {@code path}. Why here: the HTTP server's own limit
 * ({@code quarkus.http.limits.max-initial-line-length}) answers a bare 414 without a body, so it is set well above
 * this one and only backstops it.
 */
public class UrlLengthLimit {

    private final int maxUrlChars;

    public UrlLengthLimit(@ConfigProperty(name = "consentline.http.max-url-chars", defaultValue = "4096") int maxUrlChars) {
        this.maxUrlChars = maxUrlChars;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOverlongUrls(ContainerRequestContext request) {
        URI uri = request.getUriInfo().getRequestUri();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        int length = path.length() + (query.isEmpty() ? 0 : query.length() + 1);
        if (length <= maxUrlChars) {
            return Optional.empty();
        }
        String field = longestPart(path, query);
        Problem problem = Problem.of(414, "url-too-long", "URL too long",
                "The URL has " + length + " characters; at most " + maxUrlChars + " are accepted ("
                        + ("path".equals(field) ? "the path" : "query parameter '" + field + "'") + " is the longest part)",
                field);
        return Optional.of(Response.status(414).type(Problem.MEDIA_TYPE).entity(problem).build());
    }

    /** The name of the longest query parameter (name and value as sent), or {@code path} when the path is longer. */
    static String longestPart(String rawPath, String rawQuery) {
        String longest = "path";
        int longestLength = rawPath.length();
        for (String pair : rawQuery.split("&")) {
            if (pair.length() > longestLength) {
                int equals = pair.indexOf('=');
                longest = decoded(equals < 0 ? pair : pair.substring(0, equals));
                longestLength = pair.length();
            }
        }
        return longest;
    }

    private static String decoded(String name) {
        try {
            return URLDecoder.decode(name, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return name;
        }
    }
}
