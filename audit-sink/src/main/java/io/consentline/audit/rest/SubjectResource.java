package io.consentline.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.consentline.audit.service.SubjectService;
import io.consentline.kit.problem.ProblemException;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/**
 * A subject's rights over the audit log: access (GDPR Art. 15) for compliance, erasure (Art. 17, by
 * crypto-shredding) for admins. Only ever the caller's own tenant.
 */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SubjectResource {

    private static final String SUBJECT_EXAMPLE = """
            {"identifierType":"phone","identifier":"+447911123456"}""";

    private final SubjectService subjects;
    private final CallerTenant tenant;

    SubjectResource(SubjectService subjects, CallerTenant tenant) {
        this.subjects = subjects;
        this.tenant = tenant;
    }

    @POST
    @Path("/access-requests")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "Everything the log holds about one subject, decrypted",
            description = "Every entry about the subject (changes, submissions, erasures) with its personal data "
                    + "decrypted where the subject's key still exists, the chain proof of each entry and the "
                    + "latest signed checkpoint.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "by phone", value = SUBJECT_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "The subject's entries")
    @APIResponse(responseCode = "400", description = "No or an invalid subject (problem+json names the field)")
    @APIResponse(responseCode = "404", description = "The log has no entry about this subject")
    public Uni<SubjectReportResponse> access(SubjectRequest request) {
        return subjects.access(tenant.id(), required(request).toSubject()).map(SubjectReportResponse::of);
    }

    @POST
    @Path("/erasures")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Erase a subject's personal data from the log (crypto-shredding)",
            description = "Deletes the subject's keys: their entries stay, still verify and still show what "
                    + "happened and when, but no longer who. The erasure is recorded as an entry of the log.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "by phone", value = SUBJECT_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "What was erased, and the erasure entries' event ids")
    @APIResponse(responseCode = "400", description = "No or an invalid subject (problem+json names the field)")
    @APIResponse(responseCode = "404", description = "The log has no entry about this subject")
    public Uni<SubjectService.Erasure> erase(SubjectRequest request) {
        return subjects.erase(tenant.id(), required(request).toSubject(), tenant.actor());
    }

    private static SubjectRequest required(SubjectRequest request) {
        if (request == null) {
            throw ProblemException.invalidField("body", "a JSON body naming the subject is required");
        }
        return request;
    }
}
