package io.consentline.audit.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.consentline.audit.domain.checkpoint.CheckpointSigner;
import io.consentline.audit.service.CheckpointService;
import io.consentline.audit.service.VerificationService;
import io.consentline.kit.problem.ProblemException;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** The tamper evidence of the log: verification of the caller's chain, its checkpoints, the signing key. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class ChainResource {

    private final VerificationService verification;
    private final CheckpointService checkpoints;
    private final CheckpointSigner signer;
    private final CallerTenant tenant;

    ChainResource(VerificationService verification, CheckpointService checkpoints, CheckpointSigner signer,
            CallerTenant tenant) {
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.tenant = tenant;
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "Verify the tenant's hash chain",
            description = "Recomputes every link from fromSeq to toSeq (default: the whole chain) and compares the "
                    + "latest signed checkpoint with the log; reports the first broken link.")
    @APIResponse(responseCode = "200", description = "The report; valid is false when a link or the checkpoint fails")
    @APIResponse(responseCode = "400", description = "An invalid or reversed range (problem+json names the field)")
    public Uni<VerifyResponse> verify(
            @Parameter(description = "First entry (seq) to check; default 1", example = "1")
            @QueryParam("fromSeq") String fromSeq,
            @Parameter(description = "Last entry (seq) to check; default the chain's head", example = "100000")
            @QueryParam("toSeq") String toSeq) {
        long from = fromSeq == null || fromSeq.isBlank() ? 1 : seq("fromSeq", fromSeq);
        Long to = toSeq == null || toSeq.isBlank() ? null : seq("toSeq", toSeq);
        if (to != null && to < from) {
            throw ProblemException.invalidField("toSeq", "toSeq must not be before fromSeq");
        }
        return verification.verify(tenant.id(), from, to).map(VerifyResponse::of);
    }

    @GET
    @Path("/checkpoints/latest")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "The tenant's latest signed checkpoint")
    @APIResponse(responseCode = "200", description = "The checkpoint")
    @APIResponse(responseCode = "404", description = "No checkpoint yet")
    public Uni<CheckpointResponse> latestCheckpoint() {
        return checkpoints.latest(tenant.id()).map(cp -> {
            if (cp == null) {
                throw new ProblemException(404, "no-checkpoint", "No checkpoint", "The chain has no checkpoint yet",
                        null);
            }
            return CheckpointResponse.of(cp);
        });
    }

    @GET
    @Path("/keys")
    @PermitAll
    @Operation(summary = "The public key that verifies checkpoints (JWK set, Ed25519)")
    @APIResponse(responseCode = "200", description = "A JWK set with one OKP key")
    public Map<String, Object> keys() {
        return Map.of("keys", List.of(Map.of("kty", "OKP", "crv", "Ed25519", "alg", "EdDSA", "use", "sig",
                "kid", signer.keyId(), "x", signer.publicKeyX())));
    }

    private static long seq(String field, String value) {
        try {
            // ASCII digits only: parseLong also reads Arabic-Indic or full-width digits
            if (!EntriesQuery.ASCII_NUMBER.matcher(value.strip()).matches()) {
                throw new NumberFormatException();
            }
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(field, field + " must be a whole number from 1");
    }
}
