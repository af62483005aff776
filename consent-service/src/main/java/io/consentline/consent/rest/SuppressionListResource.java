package io.consentline.consent.rest;

import java.io.InputStream;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.consentline.consent.repository.SuppressionListStore.ListInfo;
import io.consentline.consent.service.SuppressionService;
import io.consentline.consent.service.SuppressionService.ImportSummary;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** Do-not-call lists: a suppressed number is DENY for the purposes its list covers. */
@Path("/v1/admin/suppression-lists")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class SuppressionListResource {

    private final SuppressionService suppression;
    private final CallerTenant tenant;

    SuppressionListResource(SuppressionService suppression, CallerTenant tenant) {
        this.suppression = suppression;
        this.tenant = tenant;
    }

    @PUT
    @Path("/{name}")
    @Blocking
    @Consumes({ MediaType.TEXT_PLAIN, "text/csv", "application/x-ndjson" })
    @Operation(summary = "Replace a suppression list (atomically)",
            description = "The body is streamed: one number per line (plain text), CSV (number in the first column; "
                    + "a header line is skipped) or NDJSON ({\"phone\":...}). Millions of rows are fine. Lines without a "
                    + "usable number are counted and skipped. Checks see the old list until the new one is complete.")
    public ImportSummary replace(
            @Parameter(example = "national-dnc") @PathParam("name") String name,
            @Parameter(description = "Purposes the list covers, comma-separated; default every purpose",
                    example = "marketing,sales_calls") @QueryParam("purposes") String purposes,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        return suppression.replace(tenant.id(), tenant.actor(), name, purposes, contentType, body);
    }

    @GET
    @Blocking
    @Operation(summary = "The tenant's suppression lists, with size and import time")
    public List<ListInfo> lists() {
        return suppression.lists(tenant.id());
    }

    @DELETE
    @Path("/{name}")
    @Blocking
    @Operation(summary = "Remove a suppression list")
    public void delete(@PathParam("name") String name) {
        suppression.delete(tenant.id(), name);
    }
}
