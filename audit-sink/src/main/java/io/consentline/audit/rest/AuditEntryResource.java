package io.consentline.audit.rest;

import jakarta.annotation.security.RolesAllowed;
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
 * The compliance officer's view of the audit log: every recorded consent change of one subject, with the
 * evidence, so the controller can demonstrate consent (GDPR Art. 7(1)). Only ever the caller's own tenant.
 */
@Path("/v1/audit/entries")
@Produces(MediaType.APPLICATION_JSON)
public class AuditEntryResource {

    private static final String PAGE_EXAMPLE = """
            {"entries":[{"eventId":"0b6f7c1e-2f4a-4f55-9d7e-3a1c5e9b2d10",
            "subjectId":"6f1e0f0a-8a53-4c1e-b7a4-1f2d3c4b5a69","identifierType":"visitor","purpose":"analytics",
            "channel":"web","before":null,"after":"GRANTED","source":"banner","occurredAt":"2026-11-23T10:15:30Z",
            "recordedAt":"2026-11-23T10:15:31.204Z","policyVersion":"2026-01","policyTextHash":null,
            "evidence":{"ipAddress":"203.0.113.7","userAgent":"Mozilla/5.0","siteId":"site-1"},
            "causationId":"5c0a9d3e-7b1f-4e2a-8c6d-9f0e1a2b3c4d"}],"nextCursor":"1042"}""";

    private final EntryService entries;
    private final CallerTenant tenant;

    AuditEntryResource(EntryService entries, CallerTenant tenant) {
        this.entries = entries;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "List the audit entries of one subject",
            description = "Every recorded consent change of the subject found by identifier or by subject id, "
                    + "oldest first, in pages. The tenant is the caller's, from the token.")
    @APIResponse(responseCode = "200", description = "A page of entries; nextCursor is null on the last page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = EntriesResponse.class),
                    examples = @ExampleObject(name = "one entry", value = PAGE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid (problem+json names it)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "no subject", value = """
                            {"type":"urn:consentline:problem:invalid-field","title":"Invalid field","status":400,
                            "detail":"identifierType and identifier, or subjectId, are required",
                            "instance":"/v1/audit/entries","field":"identifier"}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not a compliance role, or the token names no tenant")
    @APIResponse(responseCode = "503", description = "The audit log is unavailable; nothing can be answered")
    public Uni<EntriesResponse> list(
            @Parameter(description = "With identifier: how the subject is identified", example = "visitor")
            @QueryParam("identifierType") String identifierType,
            @Parameter(description = "With identifierType: the identifier's value", example = "v-4f1c2a")
            @QueryParam("identifier") String identifier,
            @Parameter(description = "Instead of an identifier: consent-service's subject id",
                    example = "6f1e0f0a-8a53-4c1e-b7a4-1f2d3c4b5a69")
            @QueryParam("subjectId") String subjectId,
            @Parameter(description = "Only entries for this purpose", example = "marketing")
            @QueryParam("purpose") String purpose,
            @Parameter(description = "Entries per page, 1 to 500; default 50", example = "50")
            @QueryParam("limit") String limit,
            @Parameter(description = "The nextCursor of the previous page", example = "1042")
            @QueryParam("after") String after) {
        EntriesQuery query = EntriesQuery.parse(identifierType, identifier, subjectId, purpose, limit, after);
        return entries.find(tenant.id(), query.toAuditQuery()).map(EntriesResponse::of);
    }
}
