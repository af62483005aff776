package io.consentline.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.Identifiers;
import io.consentline.consent.domain.InvalidSubmissionException;
import io.consentline.consent.domain.PlannedChange;
import io.consentline.consent.domain.SubmissionPlanner;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.consent.messaging.OutboxRelay;
import io.consentline.consent.repository.ConsentStateRepository;
import io.consentline.consent.repository.ProcessedMessageRepository;
import io.consentline.consent.repository.SubjectRepository;
import io.consentline.consent.repository.TenantPolicyRepository;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.Identifier;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.security.TenantIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies a submission accepted by the gateway: records each changed purpose, updates the current state and
 * writes the change events to the outbox, all in one transaction, once per event id. A person's choice is
 * recorded even for a purpose the tenant has not configured: it is what they said.
 */
@ApplicationScoped
public class SubmissionService {

    private final SubjectRepository subjects;
    private final ConsentStateRepository states;
    private final ProcessedMessageRepository processed;
    private final TenantPolicyRepository policies;
    private final IdentifierHasher hasher;
    private final ConsentWriter writer;
    private final OutboxRelay relay;
    private final Clock clock = Clock.systemUTC();

    SubmissionService(SubjectRepository subjects, ConsentStateRepository states, ProcessedMessageRepository processed,
            TenantPolicyRepository policies, IdentifierHasher hasher, ConsentWriter writer, OutboxRelay relay) {
        this.subjects = subjects;
        this.states = states;
        this.processed = processed;
        this.policies = policies;
        this.hasher = hasher;
        this.writer = writer;
        this.relay = relay;
    }

    /** Applies the submission; answers how many consent records it wrote (0 for a repeat). */
    public Uni<Integer> apply(CloudEvent<ConsentSubmission> event) {
        if (!TenantIds.isValid(event.tenant())) {
            return Uni.createFrom().failure(new InvalidSubmissionException("invalid tenant id"));
        }
        Instant now = clock.instant();
        return Panache.withTransaction(() -> processed.claim(event.id(), now)
                .chain(first -> first ? record(event, now) : Uni.createFrom().item(0)))
                .invoke(written -> {
                    if (written > 0) {
                        relay.nudge();
                    }
                });
    }

    private Uni<Integer> record(CloudEvent<ConsentSubmission> event, Instant now) {
        String tenant = event.tenant();
        return policies.find(tenant).chain(policy -> {
            // the same normalisation as checks use, or an opt-out could miss the number it was meant for
            ConsentSubmission submission = withNormalisedIdentifier(event.data(), policy);
            String hash = hasher.hash(tenant, submission.identifier());
            return subjects.findOrCreate(tenant, hash, submission.identifier().type(), now)
                    .chain(subjectId -> states.currentOf(tenant, subjectId)
                            .chain(current -> writeAll(event, submission, policy, subjectId,
                                    SubmissionPlanner.plan(current, submission), now)));
        });
    }

    private static ConsentSubmission withNormalisedIdentifier(ConsentSubmission s, TenantPolicy policy) {
        Identifier normalised;
        try {
            normalised = Identifiers.normalize(s.identifier().type(), s.identifier().value(), policy.defaultRegion());
        } catch (Identifiers.InvalidIdentifierException e) {
            throw new InvalidSubmissionException("identifier " + e.getMessage());
        }
        return new ConsentSubmission(normalised, s.channel(), s.source(), s.choices(), s.policyVersion(),
                s.language(), s.evidence(), s.submittedAt());
    }

    private Uni<Integer> writeAll(CloudEvent<ConsentSubmission> event, ConsentSubmission s, TenantPolicy policy,
            UUID subjectId, List<PlannedChange> changes, Instant now) {
        Instant recordedAt = s.submittedAt() != null ? s.submittedAt() : now;
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PlannedChange change : changes) {
            ConsentWriter.Decided decided = new ConsentWriter.Decided(event.tenant(), subjectId, s.identifier(),
                    change.purpose(), change.channel(), change.before(), change.after(), s.source(),
                    s.policyVersion(), null, s.evidence(), recordedAt, policy.expiryOf(recordedAt), event.id());
            chain = chain.chain(() -> writer.write(decided, now)).replaceWithVoid();
        }
        if (!changes.isEmpty()) {
            chain = chain.chain(() -> writer.publishState(event.tenant(), subjectId, s.identifier(), now));
        }
        return chain.map(done -> changes.size());
    }
}
