package io.consentline.consent.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import io.consentline.consent.domain.policy.PolicyDocument;
import io.consentline.consent.service.PolicyService;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** The caller's tenant's consent policy. */
@Path("/v1/admin/policy")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class PolicyResource {

    private final PolicyService policies;
    private final CallerTenant tenant;

    PolicyResource(PolicyService policies, CallerTenant tenant) {
        this.policies = policies;
        this.tenant = tenant;
    }

    @GET
    @Operation(summary = "The tenant's consent policy", description = "The strict default when none was set.")
    public Uni<PolicyDocument> get() {
        return policies.policyOf(tenant.id()).map(PolicyDocument::of);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the tenant's consent policy")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "uk-call-centre", value = """
            {"defaultRegion":"GB","callingWindow":{"opens":"08:00","closes":"21:00"},
             "purposes":["marketing","sales_calls","service_messages","call_recording","analytics","functional"],
             "optInNotRequired":[{"purpose":"service_messages","channel":"sms"}],"consentLifetime":"P395D"}""")))
    public Uni<PolicyDocument> put(@NotNull PolicyDocument document) {
        return policies.replace(tenant.id(), document, tenant.actor()).map(PolicyDocument::of);
    }
}
