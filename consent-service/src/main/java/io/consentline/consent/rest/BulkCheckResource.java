package io.consentline.consent.rest;

import java.io.InputStream;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.consentline.consent.service.BulkCheckService;
import io.consentline.consent.service.CheckQuery;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** A list scrub: millions of numbers streamed in, answers streamed back line by line. */
@Path("/v1/check/bulk")
public class BulkCheckResource {

    public static final String NDJSON = "application/x-ndjson";

    private final BulkCheckService bulk;
    private final CallerTenant tenant;

    BulkCheckResource(BulkCheckService bulk, CallerTenant tenant) {
        this.bulk = bulk;
        this.tenant = tenant;
    }

    @POST
    @Blocking
    @RolesAllowed(Roles.DIALER)
    @Consumes({ MediaType.TEXT_PLAIN, "text/csv", NDJSON })
    @Produces(NDJSON)
    @Operation(summary = "Check a streamed list of numbers",
            description = "The upload is spooled to disk (never held in memory), then answered as computed. "
                    + "One number per line (plain, CSV first column, or NDJSON {\"phone\":...}). Answers stream "
                    + "back as NDJSON, one per input line, in order: {line, phone, decision, reasons, nextAllowedAt, "
                    + "suppressedBy} or {line, error}. The last line is {\"trailer\":{count, allowed, denied, errors, "
                    + "digest, at, signature}}: digest is SHA-256 over every answer line, signature a JWS verifiable "
                    + "with /v1/keys. A trailer with an error means the state became unavailable: every number "
                    + "without an answer is DENY.")
    public StreamingOutput check(
            @Parameter(example = "sales_calls") @QueryParam("purpose") String purpose,
            @Parameter(example = "voice") @QueryParam("channel") String channel,
            @Parameter(description = "ISO-8601 instant; default now") @QueryParam("at") String at,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            InputStream body) {
        // the same parameter rules as a single check; the placeholder number is not used
        CheckQuery query = CheckQuery.parse("+10000000000", null, null, purpose, channel, at, Instant.now());
        BulkCheckService.Run run = bulk.prepare(tenant.id(), query.purpose(), query.channel(), query.at(), contentType);
        SpooledUpload upload = SpooledUpload.of(body);
        return out -> {
            try (InputStream numbers = upload.open()) {
                run.stream(numbers, out);
            } finally {
                upload.delete();
            }
        };
    }
}
