package io.consentline.consent.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.BatchPlanner;
import io.consentline.consent.domain.BatchPlanner.Input;
import io.consentline.consent.domain.BatchPlanner.NewRecord;
import io.consentline.consent.domain.BatchPlanner.Plan;
import io.consentline.consent.domain.BatchPlanner.Step;
import io.consentline.consent.domain.BatchPlanner.SubjectKey;
import io.consentline.consent.domain.Identifiers;
import io.consentline.consent.domain.InvalidSubmissionException;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.consent.messaging.OutboxRelay;
import io.consentline.consent.repository.ConsentRecordEntity;
import io.consentline.consent.repository.OutboxEntity;
import io.consentline.consent.repository.SubmissionBatchRepository;
import io.consentline.consent.repository.SubmissionBatchRepository.IdentifierKey;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.Identifier;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.security.TenantIds;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Applies submissions accepted by the gateway: records each changed purpose, updates the current state and
 * writes the change events to the outbox, all in one transaction, once per event id. A person's choice is
 * recorded even for a purpose the tenant has not configured: it is what they said.
 * <p>
 * A batch is applied set-based, on one connection of the reactive pool: a fixed number of statements whatever
 * its size (claim the event ids, read the policies, find or create the subjects, read their current states,
 * reserve record ids, insert the records, upsert the states, insert the outbox rows), with the decisions taken in
 * between by {@link BatchPlanner}, in Kafka order.
 */
@ApplicationScoped
public class SubmissionService {

    private final Pool pool;
    private final SubmissionBatchRepository batches;
    private final IdentifierHasher hasher;
    private final ChangeEvents changeEvents;
    private final OutboxRelay relay;
    private final Clock clock = Clock.systemUTC();

    SubmissionService(Pool pool, SubmissionBatchRepository batches, IdentifierHasher hasher, ChangeEvents changeEvents,
            OutboxRelay relay) {
        this.pool = pool;
        this.batches = batches;
        this.hasher = hasher;
        this.changeEvents = changeEvents;
        this.relay = relay;
    }

    /** A submission that can never be applied, and why: it belongs on the dead-letter topic. */
    public record Refused(CloudEvent<ConsentSubmission> event, String reason) {
    }

    /** A submission with its identifier normalised, and where that identifier is in the index. */
    private record Resolved(CloudEvent<ConsentSubmission> event, ConsentSubmission submission, TenantPolicy policy,
            IdentifierKey identifier) {
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
        return inOneTransaction(valid)
                .replaceWith(refused)
                .onFailure(InvalidSubmissionException.class).recoverWithUni(() -> oneByOne(valid, refused));
    }

    private Uni<List<Refused>> oneByOne(List<CloudEvent<ConsentSubmission>> events, List<Refused> refused) {
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> inOneTransaction(List.of(event)).replaceWithVoid()
                        .onFailure(InvalidSubmissionException.class).recoverWithItem(e -> {
                            refused.add(new Refused(event, e.getMessage()));
                            return null;
                        }))
                .collect().last()
                .replaceWith(refused);
    }

    /** Applies the submissions in one transaction; answers how many consent records they wrote. */
    private Uni<Integer> inOneTransaction(List<CloudEvent<ConsentSubmission>> events) {
        // microseconds: what PostgreSQL stores, so that the state planned in memory is the state stored
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(tx -> apply(tx, events, now)).invoke(this::nudgeIfWritten);
    }

    private void nudgeIfWritten(int written) {
        if (written > 0) {
            relay.nudge();
        }
    }

    private Uni<Integer> apply(SqlConnection tx, List<CloudEvent<ConsentSubmission>> events, Instant now) {
        Map<String, CloudEvent<ConsentSubmission>> firstOfEachId = new LinkedHashMap<>();
        events.forEach(e -> firstOfEachId.putIfAbsent(e.id(), e));
        return batches.claim(tx, List.copyOf(firstOfEachId.keySet()), now).chain(claimed -> {
            List<CloudEvent<ConsentSubmission>> fresh = firstOfEachId.values().stream()
                    .filter(e -> claimed.contains(e.id())).toList();
            if (fresh.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            Set<String> tenants = new LinkedHashSet<>();
            fresh.forEach(e -> tenants.add(e.tenant()));
            return batches.policiesOf(tx, tenants)
                    .chain(policies -> inputs(tx, resolve(fresh, policies), now))
                    .chain(inputs -> batches.currentOf(tx, inputs.stream().map(Input::subject).distinct().toList())
                            .chain(current -> batches.reserveRecordIds(tx, BatchPlanner.maxRecords(inputs))
                                    .map(ids -> BatchPlanner.plan(inputs, current, ids.iterator()::next))))
                    .chain(plan -> write(tx, plan, now));
        });
    }

    private List<Resolved> resolve(List<CloudEvent<ConsentSubmission>> events, Map<String, TenantPolicy> policies) {
        List<Resolved> resolved = new ArrayList<>(events.size());
        for (CloudEvent<ConsentSubmission> event : events) {
            TenantPolicy policy = policies.get(event.tenant());
            // the same normalisation as checks use, or an opt-out could miss the number it was meant for
            ConsentSubmission submission = withNormalisedIdentifier(event.data(), policy);
            Identifier identifier = submission.identifier();
            resolved.add(new Resolved(event, submission, policy, new IdentifierKey(event.tenant(),
                    hasher.hash(event.tenant(), identifier), identifier.type().wireName())));
        }
        return resolved;
    }

    private Uni<List<Input>> inputs(SqlConnection tx, List<Resolved> resolved, Instant now) {
        Set<IdentifierKey> identifiers = new LinkedHashSet<>();
        resolved.forEach(r -> identifiers.add(r.identifier()));
        return subjectsOf(tx, identifiers, now).map(subjects -> resolved.stream().map(r -> {
            ConsentSubmission s = r.submission();
            Instant recordedAt = s.submittedAt() != null ? s.submittedAt().truncatedTo(ChronoUnit.MICROS) : now;
            return new Input(new SubjectKey(r.event().tenant(), subjects.get(r.identifier())), r.event().id(), s,
                    recordedAt, r.policy().expiryOf(recordedAt));
        }).toList());
    }

    /** Finds the identifiers' subjects, creating those that have none yet. */
    private Uni<Map<IdentifierKey, UUID>> subjectsOf(SqlConnection tx, Set<IdentifierKey> identifiers, Instant now) {
        return batches.subjectsOf(tx, identifiers).chain(found -> {
            List<IdentifierKey> missing = identifiers.stream().filter(i -> !found.containsKey(i)).toList();
            return batches.create(tx, missing, now).chain(created -> {
                // another transaction linked these first: their subjects are that transaction's
                List<IdentifierKey> linkedElsewhere = missing.stream().filter(i -> !created.containsKey(i)).toList();
                return batches.subjectsOf(tx, linkedElsewhere).map(raced -> {
                    Map<IdentifierKey, UUID> all = new HashMap<>(found);
                    all.putAll(created);
                    all.putAll(raced);
                    return all;
                });
            });
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

    /** The plan's records, current states and outbox rows: three statements. */
    private Uni<Integer> write(SqlConnection tx, Plan plan, Instant now) {
        List<ConsentRecordEntity> records = new ArrayList<>();
        List<OutboxEntity> outbox = new ArrayList<>();
        for (Step step : plan.steps()) {
            Input input = step.input();
            Identifier identifier = input.submission().identifier();
            for (NewRecord planned : step.records()) {
                ConsentRecordEntity record = recordOf(planned);
                records.add(record);
                outbox.add(changeEvents.outboxRow(record, identifier, planned.change().before(),
                        input.submission().source(), now));
            }
            if (!step.records().isEmpty()) {
                // one snapshot per submission that changed something, after its changes, as before batching
                outbox.add(changeEvents.stateRow(input.subject().tenant(), input.subject().subjectId(), identifier,
                        step.stateAfter(), now));
            }
        }
        return batches.insertRecords(tx, records)
                .chain(() -> batches.upsertStates(tx, plan.changedStates()))
                .chain(() -> batches.insertOutbox(tx, outbox))
                .replaceWith(records.size());
    }

    private static ConsentRecordEntity recordOf(NewRecord planned) {
        Input input = planned.input();
        ConsentSubmission s = input.submission();
        ConsentRecordEntity record = new ConsentRecordEntity();
        record.id = planned.id();
        record.tenant = input.subject().tenant();
        record.subjectId = input.subject().subjectId();
        record.purpose = planned.change().purpose();
        record.channel = planned.change().channel().wireName();
        record.status = planned.change().after();
        record.source = ConsentRecordEntity.sourceName(s.source());
        record.policyVersion = s.policyVersion();
        record.evidence = s.evidence();
        record.recordedAt = input.recordedAt();
        record.expiresAt = planned.expiresAt();
        record.causationId = input.eventId();
        return record;
    }
}
