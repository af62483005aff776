package io.consentline.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.InvalidSubmissionException;
import io.consentline.consent.domain.PlannedChange;
import io.consentline.consent.domain.SubmissionPlanner;
import io.consentline.consent.messaging.OutboxRelay;
import io.consentline.consent.repository.ConsentRecordEntity;
import io.consentline.consent.repository.ConsentStateRepository;
import io.consentline.consent.repository.OutboxEntity;
import io.consentline.consent.repository.ProcessedMessageRepository;
import io.consentline.consent.repository.SubjectRepository;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.security.TenantIds;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Applies a submission accepted by the gateway: records each changed purpose, updates the current state and
 * writes the change events to the outbox, all in one transaction, once per event id.
 */
@ApplicationScoped
public class SubmissionService {

    private final SubjectRepository subjects;
    private final ConsentStateRepository states;
    private final ProcessedMessageRepository processed;
    private final IdentifierHasher hasher;
    private final ChangeEvents changeEvents;
    private final OutboxRelay relay;
    private final Clock clock;

    SubmissionService(SubjectRepository subjects, ConsentStateRepository states, ProcessedMessageRepository processed,
            IdentifierHasher hasher, ChangeEvents changeEvents, OutboxRelay relay) {
        this.subjects = subjects;
        this.states = states;
        this.processed = processed;
        this.hasher = hasher;
        this.changeEvents = changeEvents;
        this.relay = relay;
        this.clock = Clock.systemUTC();
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
        ConsentSubmission submission = event.data();
        String tenant = event.tenant();
        String hash = hasher.hash(tenant, submission.identifier());
        return subjects.findOrCreate(tenant, hash, submission.identifier().type(), now)
                .chain(subjectId -> states.currentOf(tenant, subjectId)
                        .chain(current -> writeAll(event, subjectId,
                                SubmissionPlanner.plan(current, submission), now)));
    }

    private Uni<Integer> writeAll(CloudEvent<ConsentSubmission> event, UUID subjectId, List<PlannedChange> changes,
            Instant now) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (PlannedChange change : changes) {
            chain = chain.chain(() -> write(event, subjectId, change, now));
        }
        return chain.map(done -> changes.size());
    }

    private Uni<Void> write(CloudEvent<ConsentSubmission> event, UUID subjectId, PlannedChange change, Instant now) {
        ConsentSubmission submission = event.data();
        ConsentRecordEntity record = new ConsentRecordEntity();
        record.tenant = event.tenant();
        record.subjectId = subjectId;
        record.purpose = change.purpose();
        record.channel = change.channel().wireName();
        record.status = change.after();
        record.source = ConsentRecordEntity.sourceName(submission.source());
        record.policyVersion = submission.policyVersion();
        record.evidence = submission.evidence();
        record.recordedAt = submission.submittedAt() != null ? submission.submittedAt() : now;
        record.causationId = event.id();
        OutboxEntity outbox = changeEvents.outboxRow(event, subjectId, change, record, now);
        return record.<ConsentRecordEntity>persistAndFlush()
                .chain(() -> states.upsert(record))
                .chain(() -> outbox.persistAndFlush())
                .replaceWithVoid();
    }
}
