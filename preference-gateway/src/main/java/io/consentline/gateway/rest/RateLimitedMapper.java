package io.consentline.gateway.rest;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.consentline.gateway.domain.ratelimit.RateLimitedException;
import io.consentline.kit.problem.Problem;
import io.consentline.kit.problem.ProblemMappers;

/** 429 problem+json with {@code Retry-After} in whole seconds (RFC 9110 § 10.2.3). */
public class RateLimitedMapper {

    @ServerExceptionMapper
    public Response rateLimited(RateLimitedException e, UriInfo uri) {
        Problem problem = e.toProblem().withInstance(uri == null ? null : ProblemMappers.instance(uri));
        return Response.status(429).type(Problem.MEDIA_TYPE).entity(problem)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).build();
    }
}
