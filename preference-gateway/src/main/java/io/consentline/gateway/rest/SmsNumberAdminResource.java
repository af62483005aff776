package io.consentline.gateway.rest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.consentline.gateway.repository.SmsNumberEntity;
import io.consentline.gateway.service.SmsNumberService;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** The admin API for a tenant's provider numbers (role {@code admin}; the tenant is the token's). */
@Path("/v1/admin/sms-numbers")
@RolesAllowed(Roles.ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "SMS numbers (admin)", description = "Provider numbers whose inbound STOP/START messages are the tenant's")
public class SmsNumberAdminResource {

    private final SmsNumberService numbers;
    private final CallerTenant tenant;

    SmsNumberAdminResource(SmsNumberService numbers, CallerTenant tenant) {
        this.numbers = numbers;
        this.tenant = tenant;
    }

    /** A provider number to register. */
    @Schema(name = "SmsNumberRequest")
    public record SmsNumberRequest(
            @NotNull @Schema(required = true, description = "The number in international form", example = "+447700900123")
            String number) {
    }

    /** A registered provider number. */
    @Schema(name = "SmsNumber")
    public record SmsNumberResponse(@Schema(example = "+447700900123") String number,
            @Schema(example = "acme") String tenant, Instant createdAt) {

        static SmsNumberResponse of(SmsNumberEntity entity) {
            return new SmsNumberResponse(entity.number, entity.tenant, entity.createdAt);
        }
    }

    @POST
    @Operation(summary = "Register a provider number",
            description = "Inbound messages to this number (the webhook's To) are recorded for your tenant.")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(responseCode = "400", description = "Not a phone number in international form")
    @APIResponse(responseCode = "409", description = "Already registered (by any tenant)")
    public Uni<RestResponse<SmsNumberResponse>> register(@Valid @NotNull SmsNumberRequest body) {
        return numbers.register(tenant.id(), body.number())
                .map(entity -> RestResponse.ResponseBuilder.<SmsNumberResponse>created(URI.create(
                        "/v1/admin/sms-numbers/" + URLEncoder.encode(entity.number, StandardCharsets.UTF_8)))
                        .entity(SmsNumberResponse.of(entity)).build());
    }

    @GET
    @Operation(summary = "List your provider numbers")
    public Uni<List<SmsNumberResponse>> list() {
        return numbers.list(tenant.id()).map(all -> all.stream().map(SmsNumberResponse::of).toList());
    }

    @DELETE
    @Path("{number}")
    @Operation(summary = "Unregister a provider number")
    @APIResponse(responseCode = "204", description = "Unregistered: its inbound messages are no longer recorded")
    @APIResponse(responseCode = "404", description = "Not one of your numbers")
    public Uni<Void> remove(@Parameter(example = "+447700900123") @PathParam("number") String number) {
        return numbers.remove(tenant.id(), number);
    }
}
