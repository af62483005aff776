package io.consentline.consent.rest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.consentline.consent.service.ConsentImportService;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** Bulk import of consent kept elsewhere, recorded with source {@code import}. */
@Path("/v1/consents/imports")
public class ConsentImportResource {

    private final ConsentImportService imports;
    private final CallerTenant tenant;

    ConsentImportResource(ConsentImportService imports, CallerTenant tenant) {
        this.imports = imports;
        this.tenant = tenant;
    }

    @POST
    @Blocking
    @RolesAllowed(Roles.ADMIN)
    @Consumes(BulkCheckResource.NDJSON)
    @Produces(BulkCheckResource.NDJSON)
    @Operation(summary = "Import consent decisions (NDJSON, one per line)",
            description = "Each line: {identifiers, purposes, channels, status, recordedAt, policyVersion, "
                    + "policyTextHash, evidence, expiresAt, idempotencyKey}. Each line is recorded in its own "
                    + "transaction with its change events; the answer has one line per input line "
                    + "({line, subjectId, records} or {line, field, error}) and ends with {\"summary\":{...}}.")
    public StreamingOutput importConsents(InputStream body) {
        String tenantId = tenant.id();
        String actor = tenant.actor();
        SpooledUpload upload = SpooledUpload.of(body);
        return out -> {
            try (InputStream lines = upload.open()) {
                imports.importLines(tenantId, actor, lines, out);
            } finally {
                upload.delete();
            }
        };
    }
}
