package io.consentline.audit.rest;

import java.util.ArrayList;
import java.util.Base64;
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

import io.consentline.audit.domain.checkpoint.CheckpointKeys;
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
    private final CheckpointKeys keys;
    private final CallerTenant tenant;

    ChainResource(VerificationService verification, CheckpointService checkpoints, CheckpointKeys keys,
            CallerTenant tenant) {
        this.verification = verification;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.tenant = tenant;
    }

    @GET
    @Path("/verify")
    @RolesAllowed(Roles.COMPLIANCE)
    @Operation(summary = "Verify the tenant's hash chain",
            description = "Recomputes every link from fromSeq to toSeq (default: the whole chain) and compares the "
                    + "latest signed checkpoint with the log; reports the first broken link. The fast verify proves "
                    + "every field of every entry, the facts and sealed data through their digests; deep=true also "
                    + "re-hashes those.")
    @APIResponse(responseCode = "200", description = "The report; valid is false when a link or the checkpoint fails")
    @APIResponse(responseCode = "400", description = "An invalid or reversed range (problem+json names the field)")
    public Uni<VerifyResponse> verify(
            @Parameter(description = "First entry (seq) to check; default 1", example = "1")
            @QueryParam("fromSeq") String fromSeq,
            @Parameter(description = "Last entry (seq) to check; default the chain's head", example = "100000")
            @QueryParam("toSeq") String toSeq,
            @Parameter(description = "Also check every entry's facts and sealed data against the digests its link "
                    + "covers (slower); default false", example = "true")
            @QueryParam("deep") String deep) {
        long from = fromSeq == null || fromSeq.isBlank() ? 1 : seq("fromSeq", fromSeq);
        Long to = toSeq == null || toSeq.isBlank() ? null : seq("toSeq", toSeq);
        if (to != null && to < from) {
            throw ProblemException.invalidField("toSeq", "toSeq must not be before fromSeq");
        }
        return verification.verify(tenant.id(), from, to, flag("deep", deep)).map(VerifyResponse::of);
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
    @Operation(summary = "The public keys that verify checkpoints (JWK set, Ed25519)",
            description = "The current signing key first, then the keys it replaced: checkpoints signed before a "
                    + "key rotation name their key by kid and keep verifying.")
    @APIResponse(responseCode = "200", description = "A JWK set of OKP keys")
    public Map<String, Object> keys() {
        List<Map<String, String>> jwks = new ArrayList<>();
        keys.all().forEach((kid, raw) -> jwks.add(Map.of("kty", "OKP", "crv", "Ed25519", "alg", "EdDSA", "use",
                "sig", "kid", kid, "x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw))));
        return Map.of("keys", jwks);
    }

    private static boolean flag(String field, String value) {
        if (value == null || value.isBlank() || value.trim().equals("false")) {
            return false;
        }
        if (value.trim().equals("true")) {
            return true;
        }
        throw ProblemException.invalidField(field, field + " must be true or false");
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
