package io.consentline.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import io.consentline.audit.repository.ChainRepository.Head;

class ChainTailsTest {

    private static final Head C10 = head(10);
    private final ChainTails tails = new ChainTails();

    @Test
    void aBatchWithNothingInFlightLinksFromTheCommittedHeadAndHasItsTurnAtOnce() {
        ChainTails.Place place = take(Map.of("acme", C10), 5);

        assertThat(place.from()).containsExactly(Map.entry("acme", C10));
        assertThat(place.to().get("acme").seq()).isEqualTo(15);
        assertThat(place.turn()).isDone();
    }

    @Test
    void aBatchTakenWhileAnotherIsInFlightLinksFromItsLastRowAndWaitsForItToLock() {
        ChainTails.Place first = take(Map.of("acme", C10), 5);
        ChainTails.Place second = take(Map.of("acme", C10), 3); // read the same committed head

        assertThat(second.from().get("acme")).isEqualTo(first.to().get("acme"));
        assertThat(second.to().get("acme").seq()).isEqualTo(18);
        assertThat(second.turn()).isNotDone();
        first.locked();
        assertThat(second.turn()).isDone();
    }

    @Test
    void aBatchOfAnotherTenantDoesNotWait() {
        take(Map.of("acme", C10), 5);

        assertThat(take(Map.of("globex", head(2)), 1).turn()).isDone();
    }

    @Test
    void afterACommitTheTailIsUsedUnlessAnotherProcessWentFurther() {
        ChainTails.Place first = take(Map.of("acme", C10), 5);
        first.done(true);

        // read before the first batch committed: stale, the tail is further
        assertThat(take(Map.of("acme", C10), 1).from().get("acme")).isEqualTo(first.to().get("acme"));
        // another process appended past this process's tail
        Head further = head(40);
        assertThat(take(Map.of("acme", further), 1).from().get("acme")).isEqualTo(further);
    }

    @Test
    void afterARollbackTheTailIsNotTrustedAndTheCommittedHeadIsUsed() {
        ChainTails.Place first = take(Map.of("acme", C10), 5);
        ChainTails.Place second = take(Map.of("acme", C10), 5);
        first.done(false);

        assertThat(take(Map.of("acme", C10), 1).from().get("acme")).isEqualTo(C10);
        second.done(false);
        assertThat(tails.tenants()).isEqualTo(1); // the third is still in flight
    }

    @Test
    void aRolledBackBatchStillLetsTheBatchesBehindItTryTheirTurn() {
        ChainTails.Place first = take(Map.of("acme", C10), 5);
        ChainTails.Place second = take(Map.of("acme", C10), 5);

        first.done(false);

        assertThat(second.turn()).isDone();
    }

    @Test
    void whileABatchIsAppendedUnderTheLockFromTheStartNoBatchOfItsTenantTakesAPlace() {
        ChainTails.Place ahead = take(Map.of("acme", C10), 5);
        CompletableFuture<Void> turn = tails.lockFirst(List.of("acme"));

        assertThat(turn).isNotDone(); // the batch ahead has not locked its head yet
        assertThat(tails.take(Map.of("acme", C10), from -> from)).isNull();
        ahead.locked();
        assertThat(turn).isDone();
        ahead.done(true);

        Head committed = head(22);
        tails.lockFirstDone(List.of("acme"), Map.of("acme", committed));
        assertThat(take(Map.of("acme", C10), 1).from().get("acme")).isEqualTo(committed);
    }

    @Test
    void aBatchTurnedAwayCanWaitUntilNoBatchOfItsTenantsIsAppendedUnderTheLockAndThenTakeItsPlace() {
        assertThat(tails.noneUnderLock(List.of("acme"))).as("none under the lock yet").isDone();
        tails.lockFirst(List.of("acme"));
        tails.lockFirst(List.of("acme", "globex"));
        CompletableFuture<Void> acme = tails.noneUnderLock(List.of("acme"));
        CompletableFuture<Void> both = tails.noneUnderLock(List.of("acme", "globex"));

        tails.lockFirstDone(List.of("acme"), Map.of("acme", head(15)));
        assertThat(acme).as("one of the two is still under the lock").isNotDone();
        Head committed = head(22);
        tails.lockFirstDone(List.of("acme", "globex"), Map.of("acme", committed, "globex", head(3)));

        assertThat(acme).isDone();
        assertThat(both).isDone();
        assertThat(tails.noneUnderLock(List.of("initech"))).as("a tenant never seen").isDone();
        assertThat(take(Map.of("acme", C10), 1).from().get("acme")).as("linked after them").isEqualTo(committed);
        tails.lockFirst(List.of("acme"));
        assertThat(tails.noneUnderLock(List.of("acme"))).as("a new one under the lock").isNotDone();
    }

    @Test
    void aBatchAppendedUnderTheLockThatRolledBackLeavesTheTailAsItWas() {
        ChainTails.Place ahead = take(Map.of("acme", C10), 5);
        ahead.done(true);
        tails.lockFirst(List.of("acme"));

        tails.lockFirstDone(List.of("acme"), null);

        assertThat(take(Map.of("acme", C10), 1).from().get("acme")).isEqualTo(ahead.to().get("acme"));
    }

    @Test
    void tailsOfTenantsWithNothingInFlightAfterARollbackAreForgotten() {
        take(Map.of("acme", C10), 5).done(false);
        tails.lockFirst(List.of("globex"));
        tails.lockFirstDone(List.of("globex"), null);

        assertThat(tails.tenants()).isZero();
    }

    @Test
    void pastTheLimitTheTailsOfTenantsWithNothingInFlightAreForgottenAsTheirBatchesEnd() {
        ChainTails few = new ChainTails(2);
        for (String tenant : List.of("a", "b", "c")) {
            few.take(Map.of(tenant, C10), from -> from).done(true);
        }

        assertThat(few.tenants()).isEqualTo(2);
    }

    /** Takes a place for a batch of {@code rows} rows per tenant; the heads after it are numbered on. */
    private ChainTails.Place take(Map<String, Head> committed, int rows) {
        AtomicReference<Map<String, Head>> linkedFrom = new AtomicReference<>();
        ChainTails.Place place = tails.take(committed, from -> {
            linkedFrom.set(from);
            Map<String, Head> to = new HashMap<>();
            from.forEach((tenant, head) -> to.put(tenant, head(head.seq() + rows)));
            return to;
        });
        assertThat(place.from()).isEqualTo(linkedFrom.get());
        return place;
    }

    private static Head head(long seq) {
        byte[] hash = new byte[32];
        hash[0] = (byte) seq;
        hash[1] = (byte) (seq >> 8);
        return new Head(seq, hash);
    }
}
