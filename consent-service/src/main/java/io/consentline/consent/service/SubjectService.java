package io.consentline.consent.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.ConsentKey;
import io.consentline.consent.domain.CurrentConsent;
import io.consentline.consent.domain.Identifiers;
import io.consentline.consent.repository.ConsentRecordEntity;
import io.consentline.consent.repository.ConsentStateRepository;
import io.consentline.consent.repository.SubjectRepository;
import io.consentline.consent.repository.TenantPolicyRepository;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** A subject's consent as it stands and as it came to be: current state plus full history. */
@ApplicationScoped
public class SubjectService {

    /** How many history rows one answer carries at most (newest last). */
    public static final int HISTORY_LIMIT = 1000;

    private final SubjectRepository subjects;
    private final ConsentStateRepository states;
    private final TenantPolicyRepository policies;
    private final IdentifierHasher hasher;

    SubjectService(SubjectRepository subjects, ConsentStateRepository states, TenantPolicyRepository policies,
            IdentifierHasher hasher) {
        this.subjects = subjects;
        this.states = states;
        this.policies = policies;
        this.hasher = hasher;
    }

    /** The view of one subject. */
    public record SubjectView(UUID subjectId, List<String> identifierTypes,
            List<java.util.Map.Entry<ConsentKey, CurrentConsent>> current, List<ConsentRecordEntity> history) {
    }

    private static List<ConsentRecordEntity> newestLast(List<ConsentRecordEntity> newestFirst) {
        List<ConsentRecordEntity> copy = new java.util.ArrayList<>(newestFirst);
        java.util.Collections.reverse(copy);
        return copy;
    }

    public Uni<SubjectView> view(String tenant, IdentifierType type, String raw, String field) {
        return Panache.withSession(() -> policies.find(tenant).chain(policy -> {
            Identifier identifier;
            try {
                identifier = Identifiers.normalize(type, raw, policy.defaultRegion());
            } catch (Identifiers.InvalidIdentifierException e) {
                throw ProblemException.invalidField(field, field + " " + e.getMessage());
            }
            return subjects.findByIdentifier(tenant, hasher.hash(tenant, identifier));
        }).chain(subjectId -> {
            if (subjectId == null) {
                throw new ProblemException(404, "unknown-subject", "Unknown subject",
                        "No subject of this tenant has this identifier", field);
            }
            return subjects.identifierTypesOf(tenant, subjectId).chain(types -> states.currentOf(tenant, subjectId)
                    .chain(current -> ConsentRecordEntity.<ConsentRecordEntity>find(
                            "tenant = ?1 and subjectId = ?2 order by id desc", tenant, subjectId)
                            .page(0, HISTORY_LIMIT).list()
                            .map(history -> new SubjectView(subjectId, types,
                                    current.entrySet().stream()
                                            .sorted(java.util.Map.Entry.comparingByKey(java.util.Comparator
                                                    .comparing(ConsentKey::purpose).thenComparing(ConsentKey::channel)))
                                            .toList(),
                                    newestLast(history)))));
        }));
    }
}
