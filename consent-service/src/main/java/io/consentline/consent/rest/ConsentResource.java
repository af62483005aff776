package io.consentline.consent.rest;

import java.net.URI;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.consentline.consent.service.RecordingService;
import io.consentline.consent.service.RecordingService.RawIdentifier;
import io.consentline.consent.service.RecordingService.RecordCommand;
import io.consentline.events.ConsentSource;
import io.consentline.events.Evidence;
import io.consentline.kit.problem.ProblemException;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** Record consent given or withdrawn (agents on a call, CRMs through the API). */
@Path("/v1/consents")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private static final java.util.regex.Pattern KEY = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final RecordingService recording;
    private final CallerTenant tenant;

    ConsentResource(RecordingService recording, CallerTenant tenant) {
        this.recording = recording;
        this.tenant = tenant;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.AGENT, Roles.ADMIN })
    @Operation(summary = "Record consent given or withdrawn",
            description = "For one subject, several purposes and channels at once. With an Idempotency-Key, the "
                    + "same key twice records once and answers the first answer again (Idempotent-Replayed: true).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "agent-recorded-opt-in", value = """
            {"identifiers":[{"type":"phone","value":"+447911123456"},{"type":"customer","value":"crm-42"}],
             "purposes":["sales_calls","marketing"],"channels":["voice","sms"],"status":"GRANTED",
             "policyVersion":"2026-01","policyTextHash":"sha256:9f2c4e",
             "evidence":{"recordingReference":"rec-2026-11-23-0042"}}""")))
    @APIResponse(responseCode = "201", description = "Recorded")
    @APIResponse(responseCode = "200", description = "Already recorded under this Idempotency-Key: the first answer")
    @APIResponse(responseCode = "400", description = "Invalid request (problem+json names the field)")
    @APIResponse(responseCode = "409", description = "The identifiers belong to different subjects")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for a different request")
    @APIResponse(responseCode = "503", description = "The store is unavailable; retry with the same Idempotency-Key")
    public Uni<Response> record(@NotNull @Valid RecordConsentRequest request,
            @Parameter(description = "Makes retries safe: the same key records once", example = "call-7731-consent")
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context SecurityContext security, @Context HttpHeaders headers) {
        // an empty (or all-blank) key arrives as no key at all: the client meant one, so it is refused, not ignored
        if (idempotencyKey == null && headers.getRequestHeaders().containsKey("Idempotency-Key")) {
            idempotencyKey = "";
        }
        if (idempotencyKey != null && !KEY.matcher(idempotencyKey).matches()) {
            throw ProblemException.invalidField("Idempotency-Key", "1 to 255 printable ASCII characters");
        }
        RecordConsentRequest.EvidenceInput e = request.evidence();
        Evidence evidence = e == null ? null
                : new Evidence(e.ipAddress(), e.userAgent(), null, e.otpChallengeId(), null, e.recordingReference(), null,
                        null, null);
        RecordCommand command = new RecordCommand(tenant.id(), tenant.actor(),
                security.isUserInRole(Roles.AGENT) ? ConsentSource.AGENT : ConsentSource.API,
                request.identifiers().stream().map(i -> new RawIdentifier(i.type(), i.value())).toList(),
                request.purposes(), request.channels(), request.status(), request.policyVersion(),
                request.policyTextHash(), evidence, request.expiresAt(), Optional.ofNullable(idempotencyKey), null);
        return recording.record(command).map(recorded -> recorded.replayed()
                ? Response.ok(recorded).header("Idempotent-Replayed", "true").build()
                : Response.created(URI.create("/v1/subjects/" + recorded.subjectId())).entity(recorded).build());
    }
}
