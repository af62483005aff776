package io.consentline.gateway.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.consentline.gateway.service.ChoiceService;
import io.consentline.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** The public choices API: where a site's banner sends a visitor's answer. No token: bound to the site id. */
@Path("/v1/choices")
@Tag(name = "Choices", description = "Public: visitors' banner choices")
public class ChoiceResource {

    private final ChoiceService choices;

    ChoiceResource(ChoiceService choices) {
        this.choices = choices;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a visitor's banner choice",
            description = "Checks the choice against the site (known categories, current policy version, strictly "
                    + "necessary never refused, the page's origin) and publishes it to consent.submissions.v1. "
                    + "Answers 202 with a signed receipt only after the broker acknowledged it; otherwise 503 and "
                    + "nothing is recorded. Sec-GPC: 1 refuses every sale/sharing category, and the receipt says so.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = ChoiceRequest.class),
            examples = @ExampleObject(name = "accept analytics, refuse marketing", value = """
                    {"siteId": "shop-eu", "visitorId": "v_8f3k2LqP0aZx", "policyVersion": "2026-01", "language": "en",
                     "granted": ["analytics"], "denied": ["marketing"]}""")))
    @APIResponse(responseCode = "202", description = "Recorded: the broker acknowledged the choice",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReceiptResponse.class),
                    examples = @ExampleObject(name = "receipt", value = """
                            {"receiptId": "0b6f3c0e-4f5e-4d8a-9a51-3a1c2b7d9e10",
                             "acceptedAt": "2026-11-23T10:15:30.123456Z", "siteId": "shop-eu",
                             "policyVersion": "2026-01", "granted": ["analytics"], "denied": ["marketing"],
                             "globalPrivacyControl": false, "deniedByGlobalPrivacyControl": [],
                             "signature": "eyJraWQiOiJ..."}""")))
    @APIResponse(responseCode = "400", description = "Malformed, unknown site, or a rule broken; the field is named",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "necessary denied", value = """
                            {"type": "urn:consentline:problem:required-category-denied",
                             "title": "Required category denied", "status": 400,
                             "detail": "Category 'necessary' is strictly necessary and cannot be refused",
                             "instance": "/v1/choices", "field": "denied"}""")))
    @APIResponse(responseCode = "409", description = "The policy version shown is no longer the site's",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "stale policy", value = """
                            {"type": "urn:consentline:problem:stale-policy-version", "title": "Stale policy version",
                             "status": 409, "detail": "The site's policy version is now 2026-02; show it and ask again",
                             "instance": "/v1/choices", "field": "policyVersion"}""")))
    @APIResponse(responseCode = "413", description = "Body larger than consentline.http.max-body-bytes",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "Not recorded (Kafka or configuration unavailable); retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Posted from a page whose origin the site does not allow",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "Too many requests from this client for this site; see Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<ReceiptResponse>> submit(@Valid @NotNull ChoiceRequest body,
            @Parameter(description = "Global Privacy Control: 1 refuses every sale/sharing category", example = "1")
            @HeaderParam("Sec-GPC") String secGpc,
            @Context HttpServerRequest http) {
        var client = new ChoiceService.Client(Clients.ip(http), http.getHeader(HttpHeaders.USER_AGENT),
                http.getHeader("Origin"), "1".equals(secGpc == null ? null : secGpc.strip()));
        return choices.submit(body.toChoice(), client)
                .map(receipt -> RestResponse.status(Status.ACCEPTED, ReceiptResponse.of(receipt)));
    }
}
