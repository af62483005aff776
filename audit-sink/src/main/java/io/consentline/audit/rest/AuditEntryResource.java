package io.consentline.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.consentline.audit.service.EntryService;
import io.consentline.kit.problem.Problem;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * The compliance officer's view of the audit log: the recorded changes, submissions and erasures, with the
 * evidence, so the controller can demonstrate consent (GDPR Art. 7(1)), in pages. Only ever the caller's own
 * tenant.
 */
@Path("/v1/audit/entries")
@Produces(MediaType.APPLICATION_JSON)
public class AuditEntryResource {

    private static final String PAGE_EXAMPLE = """
            {"entries":[{"eventId":"0b6f7c1e-2f4a-4f55-9d7e-3a1c5e9b2d10","type":"change","seq":17,
            "subjectId":"6f1e0f0a-8a53-4c1e-b7a4-1f2d3c4b5a69","identifierType":"visitor","purpose":"analytics",
            "purposes":["analytics"],"channel":"web","before":null,"after":"GRANTED","source":"banner","occurredAt":"2026-11-23T10:15:30Z",
            "recordedAt":"2026-11-23T10:15:31.204Z","policyVersion":"2026-01","policyTextHash":null,
            "evidence":{"siteId":"site-1"},"causationId":"5c0a9d3e-7b1f-4e2a-8c6d-9f0e1a2b3c4d",
            "facts":{"purpose":"analytics","policyVersion":"2026-01","evidence":{"siteId":"site-1"}},
            "hash":"9f2c...e1"}],"nextCursor":"1042"}""";

    private final EntryService entries;
    private final CallerTenant tenant;

    AuditEntryResource(EntryService entries, CallerTenant tenant) {
        this.entries = entries;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "List audit entries",
            description = "The tenant's entries (consent changes, submissions, erasures), oldest first, in pages; "
                    + "every filter is optional. The tenant is the caller's, from the token.")
    @APIResponse(responseCode = "200", description = "A page of entries; nextCursor is null on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EntriesResponse.class),
                    examples = @ExampleObject(name = "one entry", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A parameter is invalid (problem+json names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "reversed range", value = """
                            {"type":"urn:consentline:problem:invalid-field","title":"Invalid field","status":400,
                            "detail":"to must be after from","instance":"/v1/audit/entries","field":"to"}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not a compliance role, or the token names no tenant")
    @APIResponse(responseCode = "503", description = "The audit log is unavailable; nothing can be answered")
    public Uni<EntriesResponse> list(@BeanParam Filters filters) {
        return entries.find(tenant.id(), EntriesQuery.parse(filters.params())).map(EntriesResponse::of);
    }

    /** The filters the list and the export share. */
    public static class Filters {
        @Parameter(description = "With identifier: how the subject is identified", example = "visitor")
        @QueryParam("identifierType")
        String identifierType;
        @Parameter(description = "With identifierType: the identifier's value", example = "v-4f1c2a")
        @QueryParam("identifier")
        String identifier;
        @Parameter(description = "Instead of an identifier: consent-service's subject id",
                example = "6f1e0f0a-8a53-4c1e-b7a4-1f2d3c4b5a69")
        @QueryParam("subjectId")
        String subjectId;
        @Parameter(description = "Only entries about this purpose (* for blanket opt-outs)", example = "marketing")
        @QueryParam("purpose")
        String purpose;
        @Parameter(description = "Only entries on this channel: voice, sms, email, web", example = "sms")
        @QueryParam("channel")
        String channel;
        @Parameter(description = "Only entries from this source: banner, sms-keyword, otp, agent, import, api",
                example = "banner")
        @QueryParam("source")
        String source;
        @Parameter(description = "Only entries of this type: change, submission, erasure", example = "change")
        @QueryParam("type")
        String type;
        @Parameter(description = "Entries that occurred at or after this instant", example = "2026-11-01T00:00:00Z")
        @QueryParam("from")
        String from;
        @Parameter(description = "Entries that occurred before this instant", example = "2026-12-01T00:00:00Z")
        @QueryParam("to")
        String to;
        @Parameter(description = "Entries per page, 1 to 500; default 50", example = "50")
        @QueryParam("limit")
        String limit;
        @Parameter(description = "The nextCursor of the previous page", example = "1042")
        @QueryParam("after")
        String after;

        EntriesQuery.Params params() {
            return new EntriesQuery.Params(identifierType, identifier, subjectId, purpose, channel, source, type,
                    from, to, limit, after);
        }
    }
}
