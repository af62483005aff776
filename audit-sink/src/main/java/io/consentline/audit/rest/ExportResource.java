package io.consentline.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestMulti;

import io.consentline.audit.domain.AuditQuery;
import io.consentline.audit.service.EntryService;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Multi;

/** The whole (filtered) log of the caller's tenant as a file, streamed: NDJSON or CSV. */
@Path("/v1/audit/export")
public class ExportResource {

    private final EntryService entries;
    private final CallerTenant tenant;

    ExportResource(EntryService entries, CallerTenant tenant) {
        this.entries = entries;
        this.tenant = tenant;
    }

    @GET
    // the lines are written as they are; the Content-Type header names the format asked for
    @Produces("text/csv")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "Export audit entries as NDJSON or CSV",
            description = "The same filters as the list (limit and after are ignored: everything after the "
                    + "cursor is exported), streamed in log order: millions of rows are never held in memory.")
    @APIResponse(responseCode = "200", description = "The entries, one per line")
    @APIResponse(responseCode = "400", description = "A parameter is invalid (problem+json names it)")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "Not a compliance role, or the token names no tenant")
    public RestMulti<String> export(@BeanParam AuditEntryResource.Filters filters,
            @Parameter(description = "ndjson (default) or csv", example = "csv") @QueryParam("format") String format) {
        ExportFormat exportFormat = ExportFormat.parse(format);
        AuditQuery query = EntriesQuery.parse(filters.params());
        Multi<String> lines = entries.export(tenant.id(), query)
                .map(e -> exportFormat.line(EntriesResponse.Entry.of(e)));
        Multi<String> body = exportFormat.header().isEmpty() ? lines
                : Multi.createBy().concatenating().streams(Multi.createFrom().item(exportFormat.header()), lines);
        return RestMulti.fromMultiData(body).header("Content-Type", exportFormat.mediaType)
                .header("Content-Disposition", "attachment; filename=\"audit." + exportFormat.name().toLowerCase(
                        java.util.Locale.ROOT) + "\"").build();
    }

}
