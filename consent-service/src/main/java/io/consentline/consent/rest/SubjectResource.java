package io.consentline.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.consentline.consent.repository.ConsentRecordEntity;
import io.consentline.consent.service.SubjectService;
import io.consentline.consent.service.SubjectService.SubjectView;
import io.consentline.events.Channel;
import io.consentline.events.ConsentStatus;
import io.consentline.events.Evidence;
import io.consentline.events.IdentifierType;
import io.consentline.kit.problem.ProblemException;
import io.consentline.kit.security.CallerTenant;
import io.consentline.kit.security.Roles;
import io.smallrye.mutiny.Uni;

/** One subject's consent: the current state per purpose and channel, and the full history behind it. */
@Path("/v1/subjects")
@Produces(MediaType.APPLICATION_JSON)
public class SubjectResource {

    private final SubjectService subjects;
    private final CallerTenant tenant;

    SubjectResource(SubjectService subjects, CallerTenant tenant) {
        this.subjects = subjects;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({ Roles.AGENT, Roles.COMPLIANCE })
    @Operation(summary = "A subject's current consent and history",
            description = "Find the subject by phone, or by identifierType and identifier. History is oldest first, "
                    + "at most " + SubjectService.HISTORY_LIMIT + " records (the newest).")
    public Uni<SubjectResponse> view(
            @Parameter(example = "+447911123456") @QueryParam("phone") String phone,
            @Parameter(example = "customer") @QueryParam("identifierType") String identifierType,
            @Parameter(example = "crm-42") @QueryParam("identifier") String identifier) {
        if (phone != null && !phone.isBlank()) {
            return subjects.view(tenant.id(), IdentifierType.PHONE, phone, "phone").map(SubjectResponse::of);
        }
        IdentifierType type = IdentifierType.fromWireName(identifierType);
        if (type == null) {
            throw ProblemException.invalidField(identifierType == null ? "phone" : "identifierType",
                    "give phone, or identifierType (phone, email, visitor, customer) and identifier");
        }
        if (identifier == null || identifier.isBlank()) {
            throw ProblemException.invalidField("identifier", "identifier is required");
        }
        return subjects.view(tenant.id(), type, identifier, "identifier").map(SubjectResponse::of);
    }

    /** The subject view as JSON. */
    public record SubjectResponse(UUID subjectId, List<String> identifierTypes, List<Current> current,
            List<HistoryEntry> history) {

        static SubjectResponse of(SubjectView view) {
            return new SubjectResponse(view.subjectId(), view.identifierTypes(),
                    view.current().stream().map(e -> new Current(e.getKey().purpose(), e.getKey().channel(),
                            e.getValue().status(), e.getValue().since(), e.getValue().expiresAt(),
                            e.getValue().recordId())).toList(),
                    view.history().stream().map(HistoryEntry::of).toList());
        }
    }

    /** The current consent for one purpose and channel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Current(String purpose, Channel channel, ConsentStatus status, Instant since, Instant expiresAt,
            long recordId) {
    }

    /** One recorded decision. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryEntry(long recordId, String purpose, String channel, ConsentStatus status, String source,
            String policyVersion, String policyTextHash, Evidence evidence, Instant recordedAt, Instant expiresAt,
            String causationId) {

        static HistoryEntry of(ConsentRecordEntity r) {
            return new HistoryEntry(r.id, r.purpose, r.channel.toLowerCase(Locale.ROOT), r.status, r.source,
                    r.policyVersion, r.policyTextHash, r.evidence, r.recordedAt, r.expiresAt, r.causationId);
        }
    }
}
