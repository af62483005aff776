package io.consentline.kit.http;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.consentline.kit.problem.Problem;

/**
 * Refuses bodies over the cap with 413 problem+json before they are read, and bodies of unknown length (chunked)
 * with 411, so no endpoint buffers an unbounded body. Streaming endpoints (bulk checks, list imports), named in
 * {@code consentline.http.streaming-paths}, read their bodies as streams and are exempt; the HTTP server's own
 * limit ({@code quarkus.http.limits.max-body-size}) still bounds them.
 */
public class BodySizeLimit {

    private final long maxBodyBytes;
    private final List<String> streamingPaths;

    public BodySizeLimit(
            @ConfigProperty(name = "consentline.http.max-body-bytes", defaultValue = "65536") long maxBodyBytes,
            @ConfigProperty(name = "consentline.http.streaming-paths") Optional<List<String>> streamingPaths) {
        this.maxBodyBytes = maxBodyBytes;
        this.streamingPaths = streamingPaths.orElse(List.of());
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request) {
        if (isStreaming(request.getUriInfo().getPath())) {
            return Optional.empty();
        }
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            String encoding = request.getHeaderString("Transfer-Encoding");
            if (encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                return Optional.of(respond(Problem.of(411, "length-required", "Length required",
                        "This endpoint needs a Content-Length of at most " + maxBodyBytes + " bytes", "Content-Length")));
            }
            return Optional.empty();
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Optional.of(respond(Problem.of(400, "invalid-header", "Invalid header",
                    "Content-Length is not a number", "Content-Length")));
        }
        if (bytes > maxBodyBytes) {
            return Optional.of(respond(Problem.of(413, "body-too-large", "Request body too large",
                    "The body has " + bytes + " bytes; at most " + maxBodyBytes + " are accepted", "body")));
        }
        return Optional.empty();
    }

    private boolean isStreaming(String path) {
        for (String prefix : streamingPaths) {
            if (path.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
