package io.consentline.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

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
import io.smallrye.mutiny.Multi;
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

    /** A submission that can never be applied, and why: it belongs on the dead-letter topic. */
    public record Refused(CloudEvent<ConsentSubmission> event, String reason) {
    }

    /** Applies the submission; answers how many consent records it wrote (0 for a repeat). */
    public Uni<Integer> apply(CloudEvent<ConsentSubmission> event) {
        if (!TenantIds.isValid(event.tenant())) {
            return Uni.createFrom().failure(new InvalidSubmissionException("invalid tenant id"));
        }
        Instant now = clock.instant();
        return Panache.withTransaction(() -> claimAndRecord(event, now)).invoke(this::nudgeIfWritten);
    }

    /**
     * Applies a poll's worth of submissions, in order, in one transaction (one commit for many submissions:
     * the commit is most of a small transaction's cost). When one of them cannot be applied (invalid data), the
     * transaction is rolled back and they are applied one by one, so only that one is refused. A failure of the
     * database fails the whole call, to be retried. Answers the refused submissions.
     */
    public Uni<List<Refused>> applyAll(List<CloudEvent<ConsentSubmission>> events) {
        List<Refused> refused = new ArrayList<>();
        List<CloudEvent<ConsentSubmission>> valid = new ArrayList<>();
        for (CloudEvent<ConsentSubmission> event : events) {
            if (TenantIds.isValid(event.tenant())) {
                valid.add(event);
            } else {
                refused.add(new Refused(event, "invalid tenant id"));
            }
        }
        if (valid.isEmpty()) {
            return Uni.createFrom().item(refused);
        }
        Instant now = clock.instant();
        return Panache.withTransaction(() -> Multi.createFrom().iterable(valid)
                .onItem().transformToUniAndConcatenate(event -> claimAndRecord(event, now)
                        .call(SubmissionService::forgetWrittenEntities))
                .collect().with(Collectors.summingInt(Integer::intValue)))
                .invoke(this::nudgeIfWritten)
                .replaceWith(refused)
                .onFailure(InvalidSubmissionException.class).recoverWithUni(() -> oneByOne(valid, refused));
    }

    private Uni<List<Refused>> oneByOne(List<CloudEvent<ConsentSubmission>> events, List<Refused> refused) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> apply(event).replaceWithVoid()
                        .onFailure(InvalidSubmissionException.class).recoverWithItem(e -> {
                            refused.add(new Refused(event, e.getMessage()));
                            return null;
                        }))
                .collect().last()
                .replaceWith(refused);
    }

    private Uni<Integer> claimAndRecord(CloudEvent<ConsentSubmission> event, Instant now) {
        return processed.claim(event.id(), now)
                .chain(first -> first ? record(event, now) : Uni.createFrom().item(0));
    }

    /**
     * Flushes, then detaches what the session holds: a batch's entities are never read again, and every flush
     * dirty-checks every entity the session still manages (a batch of N submissions cost O(N²) without this: 30%
     * of consent-service's CPU went to Hibernate's flush and cascade in the bench's pipeline scenario).
     */
    private static Uni<Void> forgetWrittenEntities() {
        return Panache.getSession().chain(session -> session.flush().invoke(session::clear));
    }

    private void nudgeIfWritten(int written) {
        if (written > 0) {
            relay.nudge();
        }
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
