package io.consentline.consent.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;

import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;

/**
 * Plans a whole batch of submissions at once, in Kafka order: each one is planned by {@link SubmissionPlanner}
 * against its subject's state as the submissions before it in the batch left it, so two submissions of one person
 * in one batch come out exactly as if they had been applied one after the other. The state moves as the database
 * moves it: a record replaces the current one only if it was given at or after it ("current state only moves
 * forward"). Pure: the caller reads the states before and writes the plan after, a fixed number of statements
 * per batch.
 */
public final class BatchPlanner {

    private BatchPlanner() {
    }

    /** A subject as one tenant knows it. */
    public record SubjectKey(String tenant, UUID subjectId) {
    }

    /**
     * One submission to apply, its subject resolved.
     *
     * @param recordedAt when its records count as given
     * @param grantExpiresAt when a grant it records lapses (the tenant's consent lifetime); null for never
     */
    public record Input(SubjectKey subject, String eventId, ConsentSubmission submission, Instant recordedAt,
            Instant grantExpiresAt) {
    }

    /** A consent record to insert, with the id it will have. */
    public record NewRecord(long id, Input input, PlannedChange change) {

        public Instant expiresAt() {
            return change.after() == ConsentStatus.GRANTED ? input.grantExpiresAt() : null;
        }
    }

    /**
     * What one submission does.
     *
     * @param stateAfter the subject's whole current state after it (for the state snapshot); empty when it
     *        changes nothing
     */
    public record Step(Input input, List<NewRecord> records, Map<ConsentKey, CurrentConsent> stateAfter) {
    }

    /**
     * @param steps one per input, in order
     * @param changedStates per subject, the current consents the batch replaced, as they are at its end
     */
    public record Plan(List<Step> steps, Map<SubjectKey, Map<ConsentKey, CurrentConsent>> changedStates) {

        public List<NewRecord> records() {
            return steps.stream().flatMap(s -> s.records().stream()).toList();
        }
    }

    /** The most records the inputs can write (one per distinct purpose each): how many ids to reserve. */
    public static int maxRecords(List<Input> inputs) {
        return inputs.stream()
                .mapToInt(i -> (int) i.submission().choices().stream().map(c -> c.purpose()).distinct().count())
                .sum();
    }

    /**
     * @param current the subjects' current consents before the batch (a subject with none may be missing)
     * @param recordIds gives the id of each new record, in order
     * @throws InvalidSubmissionException when one of the inputs can never be applied
     */
    public static Plan plan(List<Input> inputs, Map<SubjectKey, Map<ConsentKey, CurrentConsent>> current,
            LongSupplier recordIds) {
        Map<SubjectKey, Map<ConsentKey, CurrentConsent>> state = new HashMap<>();
        Map<SubjectKey, Map<ConsentKey, CurrentConsent>> changed = new LinkedHashMap<>();
        List<Step> steps = new ArrayList<>(inputs.size());
        for (Input input : inputs) {
            Map<ConsentKey, CurrentConsent> subjectState = state.computeIfAbsent(input.subject(),
                    s -> new HashMap<>(current.getOrDefault(s, Map.of())));
            List<NewRecord> records = new ArrayList<>();
            for (PlannedChange change : SubmissionPlanner.plan(subjectState, input.submission())) {
                NewRecord record = new NewRecord(recordIds.getAsLong(), input, change);
                records.add(record);
                ConsentKey key = new ConsentKey(change.purpose(), change.channel());
                CurrentConsent was = subjectState.get(key);
                if (was == null || !was.since().isAfter(input.recordedAt())) {
                    CurrentConsent now = new CurrentConsent(record.id(), change.after(), input.recordedAt(),
                            record.expiresAt(), input.submission().source(), input.submission().policyVersion());
                    subjectState.put(key, now);
                    changed.computeIfAbsent(input.subject(), s -> new LinkedHashMap<>()).put(key, now);
                }
            }
            steps.add(new Step(input, List.copyOf(records), records.isEmpty() ? Map.of() : Map.copyOf(subjectState)));
        }
        return new Plan(List.copyOf(steps), changed);
    }
}
