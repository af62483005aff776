package io.consentline.gateway.rest;

import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.consentline.gateway.domain.choice.OriginNotAllowedException;
import io.consentline.gateway.service.AllowedOrigins;
import io.consentline.kit.problem.Problem;
import io.smallrye.mutiny.Uni;

/**
 * CORS for the endpoints a site's pages call (choices, banner configuration, one-time codes): only origins a
 * site allows get {@code Access-Control-Allow-Origin}, never {@code *}. A preflight names no site, so it passes
 * for an origin that any site allows; the request itself is then checked against its own site's origins
 * (403 {@code origin-not-allowed}, which gets no CORS headers).
 */
public class PublicCors {

    static final List<String> BROWSER_PATHS = List.of("/v1/choices", "/v1/sites/", "/v1/otp/");
    private static final String ALLOW_ORIGIN = "Access-Control-Allow-Origin";

    private final AllowedOrigins origins;

    PublicCors(AllowedOrigins origins) {
        this.origins = origins;
    }

    @ServerRequestFilter(preMatching = true)
    public Uni<Response> preflight(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        if (!"OPTIONS".equals(request.getMethod()) || origin == null
                || request.getHeaderString("Access-Control-Request-Method") == null
                || !isBrowserPath(request.getUriInfo().getPath())) {
            return Uni.createFrom().nullItem();
        }
        return origins.anySiteAllows(origin).map(allowed -> allowed
                ? Response.noContent().header(ALLOW_ORIGIN, origin)
                        .header("Access-Control-Allow-Methods", "GET, POST")
                        .header("Access-Control-Allow-Headers", "Content-Type")
                        .header("Access-Control-Max-Age", "600")
                        .header("Vary", "Origin").build()
                : Response.status(403).header("Vary", "Origin").build());
    }

    @ServerResponseFilter
    public Uni<Void> allowSiteOrigins(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || "OPTIONS".equals(request.getMethod()) || !isBrowserPath(request.getUriInfo().getPath())
                || response.getHeaders().containsKey(ALLOW_ORIGIN) || refusedForOrigin(response)) {
            return Uni.createFrom().voidItem();
        }
        return origins.anySiteAllows(origin).invoke(allowed -> {
            response.getHeaders().add("Vary", "Origin");
            if (allowed) {
                response.getHeaders().add(ALLOW_ORIGIN, origin);
                response.getHeaders().add("Access-Control-Expose-Headers", "Retry-After");
            }
        }).replaceWithVoid();
    }

    private static boolean refusedForOrigin(ContainerResponseContext response) {
        return response.getEntity() instanceof Problem problem
                && problem.type().endsWith(":" + OriginNotAllowedException.SLUG);
    }

    static boolean isBrowserPath(String path) {
        return Optional.ofNullable(path).map(p -> BROWSER_PATHS.stream().anyMatch(p::startsWith)).orElse(false);
    }
}
