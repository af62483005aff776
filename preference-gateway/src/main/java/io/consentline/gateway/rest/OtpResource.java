package io.consentline.gateway.rest;

import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response.Status;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.consentline.gateway.service.OtpService;
import io.consentline.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** SMS double opt-in by one-time code: request a code, then prove it. Public, bound to a site. */
@Path("/v1/otp")
@Tag(name = "SMS", description = "Public: inbound SMS (provider webhook) and one-time-code opt-in")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class OtpResource {

    private final OtpService otp;

    OtpResource(OtpService otp) {
        this.otp = otp;
    }

    @Schema(name = "OtpChallengeRequest")
    public record ChallengeRequest(
            @NotNull @Schema(required = true, example = "shop-eu") String siteId,
            @NotNull @Size(max = 64) @Schema(required = true, description = "International form", example = "+447911123456")
            String phone,
            @NotNull @Schema(required = true, description = "One of the site's smsPurposes", example = "sms_marketing")
            String purpose,
            @Schema(description = "BCP 47 tag of the page's language", example = "en") String language) {
    }

    @Schema(name = "OtpChallenge")
    public record ChallengeResponse(@Schema(example = "6f1c2d7e-0a4b-4c36-9d1e-2b8f7a5c3e90") String challengeId,
            Instant expiresAt) {
    }

    @Schema(name = "OtpVerificationRequest")
    public record VerificationRequest(
            @NotNull @Schema(required = true, example = "6f1c2d7e-0a4b-4c36-9d1e-2b8f7a5c3e90") String challengeId,
            @NotNull @Size(max = 64) @Schema(required = true, example = "+447911123456") String phone,
            @NotNull @Size(max = 16) @Schema(required = true, example = "493817") String code) {
    }

    @Schema(name = "SmsOptInReceipt", description = "Proof of a verified SMS opt-in, signed by the gateway")
    public record OptInResponse(@Schema(example = "4b0f6c1e-5d2a-3e8b-9c71-0a2d4e6f8b13") String receiptId,
            String challengeId, Instant verifiedAt, String siteId, String purpose,
            @Schema(example = "sms") String channel,
            @Schema(description = "Compact JWS (EdDSA, Ed25519); verify with GET /v1/receipt-keys") String signature) {
    }

    @POST
    @Path("challenges")
    @PermitAll
    @Operation(summary = "Send a one-time code to a number",
            description = "The same answer whether or not the number is known. Codes are random, expire "
                    + "(consentline.gateway.otp.ttl), are single-use, stored hashed, and resends are throttled.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "start",
            value = "{\"siteId\": \"shop-eu\", \"phone\": \"+447911123456\", \"purpose\": \"sms_marketing\", \"language\": \"en\"}")))
    @APIResponse(responseCode = "202", description = "The code is on its way")
    @APIResponse(responseCode = "400", description = "Unknown site, invalid phone, or a purpose the site does not offer",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many codes or requests; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ChallengeResponse>> start(@Valid @NotNull ChallengeRequest body,
            @Context HttpServerRequest http) {
        return otp.start(new OtpService.Start(body.siteId(), body.phone(), body.purpose(), body.language()),
                Clients.ip(http), http.getHeader("Origin"))
                .map(started -> RestResponse.status(Status.ACCEPTED,
                        new ChallengeResponse(started.challengeId(), started.expiresAt())));
    }

    @POST
    @Path("verifications")
    @PermitAll
    @Operation(summary = "Prove a one-time code and opt in",
            description = "Records an SMS opt-in for the challenge's purpose (consent.submissions.v1, source otp) "
                    + "and answers a signed receipt once Kafka acknowledged it. Every failure is the same 400.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "verify",
            value = "{\"challengeId\": \"6f1c2d7e-0a4b-4c36-9d1e-2b8f7a5c3e90\", \"phone\": \"+447911123456\", \"code\": \"493817\"}")))
    @APIResponse(responseCode = "201", description = "Opted in")
    @APIResponse(responseCode = "400", description = "Code not accepted (wrong, expired, used, too many attempts)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Not recorded; the code may be used again",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<OptInResponse>> verify(@Valid @NotNull VerificationRequest body,
            @Context HttpServerRequest http) {
        return otp.verify(body.challengeId(), body.phone(), body.code(), Clients.ip(http),
                http.getHeader(HttpHeaders.USER_AGENT))
                .map(verified -> {
                    var optIn = verified.optIn();
                    var challenge = optIn.challenge();
                    return RestResponse.status(Status.CREATED, new OptInResponse(optIn.receiptId(), challenge.id(),
                            challenge.verifiedAt(), challenge.siteId(), challenge.purpose(), "sms", verified.signature()));
                });
    }
}
