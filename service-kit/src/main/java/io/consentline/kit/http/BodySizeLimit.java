package io.consentline.kit.http;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.consentline.kit.problem.Problem;

/**
 * Refuses bodies over the cap with 413 problem+json before they are read. Bodies without a length are cut by
 * the HTTP server's own limit ({@code quarkus.http.limits.max-body-size}), set a little higher.
 */
public class BodySizeLimit {

    private final long maxBodyBytes;

    public BodySizeLimit(@ConfigProperty(name = "consentline.http.max-body-bytes", defaultValue = "65536") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> refuseOversizedBodies(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null || isBulkUpload(request)) {
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

    /** Streamed uploads (bulk checks, list imports) declare their own limits. */
    private static boolean isBulkUpload(ContainerRequestContext request) {
        return request.getUriInfo().getPath().contains("/bulk") || request.getUriInfo().getPath().contains("/imports");
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
