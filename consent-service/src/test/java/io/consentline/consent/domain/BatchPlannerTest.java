package io.consentline.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.consentline.consent.domain.BatchPlanner.Input;
import io.consentline.consent.domain.BatchPlanner.NewRecord;
import io.consentline.consent.domain.BatchPlanner.Plan;
import io.consentline.consent.domain.BatchPlanner.SubjectKey;
import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;

class BatchPlannerTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final SubjectKey ALICE = new SubjectKey("acme", UUID.randomUUID());
    private static final SubjectKey BOB = new SubjectKey("acme", UUID.randomUUID());

    private static Input banner(SubjectKey subject, Instant at, String policy, PurposeChoice... choices) {
        ConsentSubmission s = new ConsentSubmission(new Identifier(IdentifierType.VISITOR, "v-" + subject.subjectId()),
                Channel.WEB, ConsentSource.BANNER, List.of(choices), policy, "en", null, at);
        return new Input(subject, UUID.randomUUID().toString(), s, at, at.plusSeconds(3600));
    }

    private static PurposeChoice grant(String purpose) {
        return new PurposeChoice(purpose, ConsentStatus.GRANTED);
    }

    private static PurposeChoice deny(String purpose) {
        return new PurposeChoice(purpose, ConsentStatus.DENIED);
    }

    private static Plan plan(List<Input> inputs, Map<SubjectKey, Map<ConsentKey, CurrentConsent>> current) {
        AtomicLong ids = new AtomicLong(100);
        return BatchPlanner.plan(inputs, current, ids::incrementAndGet);
    }

    private static final ConsentKey ANALYTICS = new ConsentKey("analytics", Channel.WEB);

    @Test
    void theSecondSubmissionOfAPersonInOneBatchSeesTheFirstsState() {
        Plan plan = plan(List.of(banner(ALICE, T0, "v1", grant("analytics")),
                banner(ALICE, T0.plusSeconds(1), "v1", deny("analytics"))), Map.of());

        assertThat(plan.records()).extracting(r -> r.change())
                .containsExactly(new PlannedChange("analytics", Channel.WEB, null, ConsentStatus.GRANTED),
                        new PlannedChange("analytics", Channel.WEB, ConsentStatus.GRANTED, ConsentStatus.DENIED));
        CurrentConsent last = plan.changedStates().get(ALICE).get(ANALYTICS);
        assertThat(last.status()).isEqualTo(ConsentStatus.DENIED);
        assertThat(last.recordId()).isEqualTo(102);
        assertThat(last.expiresAt()).as("only a grant expires").isNull();
    }

    @Test
    void aRepeatLaterInTheBatchChangesNothing() {
        Plan plan = plan(List.of(banner(ALICE, T0, "v1", grant("analytics")),
                banner(ALICE, T0.plusSeconds(1), "v1", grant("analytics"))), Map.of());

        assertThat(plan.steps().get(0).records()).hasSize(1);
        assertThat(plan.steps().get(1).records()).isEmpty();
        assertThat(plan.steps().get(1).stateAfter()).as("no snapshot for a submission that changed nothing").isEmpty();
    }

    @Test
    void anOlderSubmissionIsRecordedButDoesNotMoveTheCurrentState() {
        CurrentConsent newer = new CurrentConsent(7, ConsentStatus.DENIED, T0.plusSeconds(60), null,
                ConsentSource.BANNER, "v1");

        Plan plan = plan(List.of(banner(ALICE, T0, "v1", grant("analytics"))), Map.of(ALICE, Map.of(ANALYTICS, newer)));

        assertThat(plan.records()).extracting(NewRecord::change)
                .containsExactly(new PlannedChange("analytics", Channel.WEB, ConsentStatus.DENIED, ConsentStatus.GRANTED));
        assertThat(plan.changedStates()).isEmpty();
        assertThat(plan.steps().get(0).stateAfter()).containsEntry(ANALYTICS, newer);
    }

    @Test
    void subjectsDoNotSeeEachOthersState() {
        Plan plan = plan(List.of(banner(ALICE, T0, "v1", grant("analytics")), banner(BOB, T0, "v1", grant("analytics"))),
                Map.of());

        assertThat(plan.records()).extracting(r -> r.change().before()).containsExactly(null, null);
        assertThat(plan.changedStates()).containsOnlyKeys(ALICE, BOB);
    }

    @Test
    void theSameSubjectIdInAnotherTenantIsAnotherSubject() {
        SubjectKey aliceElsewhere = new SubjectKey("globex", ALICE.subjectId());

        Plan plan = plan(List.of(banner(ALICE, T0, "v1", grant("analytics")),
                banner(aliceElsewhere, T0, "v1", grant("analytics"))), Map.of());

        assertThat(plan.records()).hasSize(2);
        assertThat(plan.changedStates()).containsOnlyKeys(ALICE, aliceElsewhere);
    }

    @Test
    void anInvalidSubmissionFailsThePlan() {
        assertThatThrownBy(() -> plan(List.of(banner(ALICE, T0, "v1", grant("analytics")),
                banner(BOB, T0, "v1", grant("Not A Slug"))), Map.of()))
                .isInstanceOf(InvalidSubmissionException.class);
    }

    @Test
    void reservesAnIdForEveryDistinctPurposeAtMost() {
        assertThat(BatchPlanner.maxRecords(List.of(banner(ALICE, T0, "v1", grant("a"), deny("a"), grant("b")),
                banner(BOB, T0, "v1", grant("c"))))).isEqualTo(3);
    }

    /** The batch is only an optimisation: it must decide exactly what one submission at a time decides. */
    @Test
    void aBatchPlansWhatOneSubmissionAtATimePlans() {
        Random random = new Random(42);
        List<SubjectKey> subjects = List.of(ALICE, BOB, new SubjectKey("globex", ALICE.subjectId()));
        String[] purposes = { "analytics", "marketing", "*" };
        for (int round = 0; round < 200; round++) {
            List<Input> inputs = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(12); i++) {
                List<PurposeChoice> choices = new ArrayList<>();
                for (int c = 0; c < 1 + random.nextInt(3); c++) {
                    choices.add(new PurposeChoice(purposes[random.nextInt(purposes.length)],
                            random.nextBoolean() ? ConsentStatus.GRANTED : ConsentStatus.DENIED));
                }
                inputs.add(banner(subjects.get(random.nextInt(subjects.size())), T0.plusSeconds(random.nextInt(5)),
                        random.nextBoolean() ? "v1" : "v2", choices.toArray(PurposeChoice[]::new)));
            }

            Plan batch = plan(inputs, Map.of());

            Map<SubjectKey, Map<ConsentKey, CurrentConsent>> state = new HashMap<>();
            AtomicLong ids = new AtomicLong(100);
            List<NewRecord> oneByOne = new ArrayList<>();
            for (Input input : inputs) {
                Plan single = BatchPlanner.plan(List.of(input), state, ids::incrementAndGet);
                oneByOne.addAll(single.records());
                single.changedStates().forEach((s, changed) -> state.computeIfAbsent(s, k -> new HashMap<>())
                        .putAll(changed));
            }
            assertThat(batch.records()).isEqualTo(oneByOne);
            Map<SubjectKey, Map<ConsentKey, CurrentConsent>> batchFinal = new HashMap<>();
            batch.changedStates().forEach((s, changed) -> batchFinal.put(s, new HashMap<>(changed)));
            assertThat(batchFinal).isEqualTo(state);
        }
    }
}
