package io.consentline.kit.security;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.consentline.kit.problem.Problem;
import io.consentline.kit.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers refused authentication (401) and authorisation (403) with RFC 9457 problem+json like every other
 * failure, instead of Quarkus' empty bodies. A 401 keeps the authentication mechanism's challenge
 * ({@code WWW-Authenticate: Bearer}, RFC 6750 §3).
 *
 * <p>Authentication stays proactive (the Quarkus default): a token that is sent is verified before routing, even for
 * a public endpoint. Quarkus REST hands failures of that step to these mappers too (also for {@code /q/*} routes),
 * and raises the role checks' failures through them. The bodies never say why a token was refused beyond its kind,
 * nor echo any of it: the reason a verifier gives may quote claims, and a caller with a stolen or forged token
 * learns nothing from the answer.
 */
public class SecurityProblemMappers {

    static final String BEARER = "Bearer";

    /** No credentials at all on an endpoint that needs them. */
    @ServerExceptionMapper
    public Uni<Response> unauthenticated(UnauthorizedException e, RoutingContext context, UriInfo uri) {
        return challenged(context, uri, Problem.of(401, "unauthenticated", "Authentication required",
                "This endpoint needs a bearer token", HttpHeaders.AUTHORIZATION));
    }

    /** A bearer token was given and refused: expired, wrongly signed, or for another issuer or audience. */
    @ServerExceptionMapper
    public Uni<Response> invalidToken(AuthenticationFailedException e, RoutingContext context, UriInfo uri) {
        return challenged(context, uri, Problem.of(401, "invalid-token", "Invalid token",
                "The bearer token is not accepted: it is malformed, expired, not signed by a trusted key, "
                        + "or issued by another issuer or for another audience",
                HttpHeaders.AUTHORIZATION));
    }

    /** A valid token whose roles do not allow the operation. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Response.status(403).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(403, "forbidden", "Forbidden",
                        "The bearer token's roles do not allow this operation", HttpHeaders.AUTHORIZATION)
                        .withInstance(ProblemMappers.instance(uri)))
                .build();
    }

    private static Uni<Response> challenged(RoutingContext context, UriInfo uri, Problem problem) {
        Problem body = problem.withInstance(ProblemMappers.instance(uri));
        HttpAuthenticator authenticator = context == null ? null : context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem()
                : authenticator.getChallenge(context).onFailure().recoverWithNull();
        return challenge.map(data -> {
            Response.ResponseBuilder response = Response.status(401).type(Problem.MEDIA_TYPE).entity(body);
            if (context != null && context.response().headers().contains(HttpHeaders.WWW_AUTHENTICATE)) {
                // the mechanism already put its challenge on the response: once is enough (RFC 9110 §11.6.1)
                return response.build();
            }
            if (data == null || data.getHeaders() == null || data.getHeaders().isEmpty()) {
                return response.header(HttpHeaders.WWW_AUTHENTICATE, BEARER).build();
            }
            data.getHeaders().forEach((name, value) -> response.header(name.toString(), value));
            return response.build();
        });
    }
}
