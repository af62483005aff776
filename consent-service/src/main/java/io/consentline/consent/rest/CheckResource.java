package io.consentline.consent.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.consentline.consent.service.CheckQuery;
import io.consentline.consent.service.CheckService;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** The dialer's question: may I contact this number, for this purpose, on this channel, now? */
@Path("/v1/check")
@Produces(MediaType.APPLICATION_JSON)
public class CheckResource {

    private final CheckService checks;
    private final CallerTenant tenant;

    CheckResource(CheckService checks, CallerTenant tenant) {
        this.checks = checks;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed(Roles.DIALER)
    @Operation(summary = "Check consent for one number or identifier",
            description = "ALLOW or DENY with every reason, the consent that decided it, the next allowed instant "
                    + "when only the calling window is in the way, and a signed decision token (verify it with "
                    + "/v1/keys). No record is DENY (NO_CONSENT); unavailable state is 503, never ALLOW.")
    @APIResponse(responseCode = "200", description = "The decision")
    @APIResponse(responseCode = "400", description = "A parameter is missing or invalid (problem+json names it)")
    @APIResponse(responseCode = "503", description = "Consent state unavailable: no answer, never ALLOW")
    public Uni<CheckResponse> check(
            @Parameter(description = "The number to call or text; national format uses the tenant's default region",
                    example = "+447911123456") @QueryParam("phone") String phone,
            @Parameter(description = "Instead of phone: email, visitor or customer", example = "visitor")
            @QueryParam("identifierType") String identifierType,
            @Parameter(example = "v-4f1c2a9e") @QueryParam("identifier") String identifier,
            @Parameter(example = "sales_calls") @QueryParam("purpose") String purpose,
            @Parameter(example = "voice") @QueryParam("channel") String channel,
            @Parameter(description = "ISO-8601 instant; default now", example = "2026-11-23T10:15:30Z")
            @QueryParam("at") String at) {
        CheckQuery query = CheckQuery.parse(phone, identifierType, identifier, purpose, channel, at, Instant.now());
        return checks.check(tenant.id(), query).map(CheckResponse::of);
    }
}
