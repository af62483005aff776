package io.consentline.gateway.rest;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.consentline.gateway.service.SiteService;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** The admin API for a tenant's sites (role {@code admin}; the tenant is the token's). */
@Path("/v1/admin/sites")
@RolesAllowed(Roles.ADMIN)
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sites (admin)", description = "A tenant's banner sites: categories, policy version, origins")
public class SiteAdminResource {

    private final SiteService sites;
    private final CallerTenant tenant;

    SiteAdminResource(SiteService sites, CallerTenant tenant) {
        this.sites = sites;
        this.tenant = tenant;
    }

    @POST
    @Operation(summary = "Create a site")
    @APIResponse(responseCode = "201", description = "Created; Location names it")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (problem+json names it)")
    @APIResponse(responseCode = "409", description = "The requested id is taken")
    public Uni<RestResponse<SiteResponse>> create(@Valid @NotNull SiteRequest body) {
        return sites.create(tenant.id(), body.id(), body.toDraft())
                .map(site -> RestResponse.ResponseBuilder.<SiteResponse>created(URI.create("/v1/admin/sites/" + site.id()))
                        .entity(SiteResponse.of(site)).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a site")
    @APIResponse(responseCode = "200", description = "The site")
    @APIResponse(responseCode = "404", description = "No such site for your tenant")
    public Uni<SiteResponse> get(@Parameter(example = "shop-eu") @PathParam("id") String id) {
        return sites.get(tenant.id(), id).map(SiteResponse::of);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a site's definition",
            description = "Changing categories, their texts or the policy URL needs a new policyVersion (409 otherwise); "
                    + "from then on, choices under the old version are refused with 409.")
    @APIResponse(responseCode = "200", description = "The revised site")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid (problem+json names it)")
    @APIResponse(responseCode = "404", description = "No such site for your tenant")
    @APIResponse(responseCode = "409", description = "What visitors are shown changed but policyVersion did not")
    public Uni<SiteResponse> revise(@Parameter(example = "shop-eu") @PathParam("id") String id,
            @Valid @NotNull SiteRequest body) {
        return sites.revise(tenant.id(), id, body.id(), body.toDraft()).map(SiteResponse::of);
    }
}
