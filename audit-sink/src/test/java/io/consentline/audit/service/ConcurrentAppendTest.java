package io.consentline.audit.service;

import static io.consentline.audit.TestChanges.change;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.consentline.audit.TestChanges;
import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.ReceivedEvent;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.consentline.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Several batches of one tenant in flight at once (as with two consumers, or a rebalance): whatever their
 * interleaving on the chain-head lock, the tenant's chain has no gap, every event is in it once, and a subject new
 * to several batches at once ends up with one key.
 */
@QuarkusTest
class ConcurrentAppendTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Inject
    RecordingService recording;

    @Inject
    Pool pool;

    @Test
    void batchesInFlightTogetherFormOneGaplessChainWithOneKeyPerSubject() {
        String tenant = "together-" + UUID.randomUUID().toString().substring(0, 8);
        int batches = 6, perBatch = 40, subjects = 25;
        List<List<ReceivedEvent>> work = new ArrayList<>();
        List<ReceivedEvent> all = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<ReceivedEvent> batch = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                String subjectId = "s-" + ((b * 7 + i) % subjects); // every batch shares subjects with the others
                CloudEvent<ConsentChanged> event = change(tenant, subjectId, "v-" + subjectId, "marketing", null,
                        ConsentStatus.GRANTED);
                batch.add(new ReceivedEvent(new LogPosition(TestChanges.topic(Topics.CHANGES), b, i),
                        event.partitionKey(), EventCodec.encode(event)));
            }
            all.addAll(batch);
            work.add(batch);
        }
        work.get(batches - 1).add(all.get(0)); // a repeat, in flight at the same time as its first delivery

        List<Uni<RecordingService.Outcome>> inFlight = work.stream().map(recording::record).toList();
        List<RecordingService.Outcome> outcomes = Uni.join().all(inFlight).andFailFast().await().atMost(PATIENCE);

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.poison()).isEmpty());
        List<Row> rows = rows("select seq, event_id from audit_entry where tenant = $1 order by seq", tenant);
        assertThat(rows).hasSize(batches * perBatch);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getLong("seq")).isEqualTo(i + 1L);
        }
        assertThat(rows.stream().map(row -> row.getString("event_id")).distinct().count())
                .isEqualTo(batches * perBatch);
        assertThat(rows("select identifier_hash from subject_key where tenant = $1", tenant)).hasSize(subjects);
        assertThat(rows("select seq from audit_chain where tenant = $1", tenant).get(0).getLong("seq"))
                .isEqualTo(batches * perBatch);
    }

    @Test
    void batchesOfTwoTenantsInFlightTogetherFormTwoGaplessChains() {
        String acme = "together-a-" + UUID.randomUUID().toString().substring(0, 8);
        String globex = "together-g-" + UUID.randomUUID().toString().substring(0, 8);
        int batches = 6, perBatch = 30;
        List<Uni<RecordingService.Outcome>> inFlight = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<ReceivedEvent> batch = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                // every batch has both tenants, in different proportions
                String tenant = (i * (b + 1)) % 3 == 0 ? globex : acme;
                CloudEvent<ConsentChanged> event = change(tenant, "s-" + i, "v-" + i, "marketing", null,
                        ConsentStatus.GRANTED);
                batch.add(new ReceivedEvent(new LogPosition(TestChanges.topic(Topics.CHANGES), b, i),
                        event.partitionKey(), EventCodec.encode(event)));
            }
            inFlight.add(recording.record(batch));
        }
        Uni.join().all(inFlight).andFailFast().await().atMost(PATIENCE);

        int total = 0;
        for (String tenant : List.of(acme, globex)) {
            List<Row> rows = rows("select seq from audit_entry where tenant = $1 order by seq", tenant);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).getLong("seq")).isEqualTo(i + 1L);
            }
            assertThat(rows("select seq from audit_chain where tenant = $1", tenant).get(0).getLong("seq"))
                    .isEqualTo(rows.size());
            total += rows.size();
        }
        assertThat(total).isEqualTo(batches * perBatch);
    }

    /**
     * A tenant's first batches are appended under the heads' lock from the start. Batches that start while they
     * are (here: as soon as the first of them has committed) wait for them and then link ahead of the lock from
     * where they left the chain, instead of queueing under the lock behind them. Either way: one gapless chain.
     */
    @Test
    void batchesThatStartWhileOthersAreAppendedUnderTheLockFormOneGaplessChainWithThem() throws Exception {
        String tenant = "waves-" + UUID.randomUUID().toString().substring(0, 8);
        int perBatch = 50;
        List<List<ReceivedEvent>> batches = new ArrayList<>();
        for (int b = 0; b < 9; b++) {
            List<ReceivedEvent> batch = new ArrayList<>();
            for (int i = 0; i < perBatch; i++) {
                CloudEvent<ConsentChanged> event = change(tenant, "s-" + (b * perBatch + i), "v-" + i, "marketing",
                        null, ConsentStatus.GRANTED);
                LogPosition position = new LogPosition(TestChanges.topic(Topics.CHANGES), b % 3, b * perBatch + i);
                batch.add(new ReceivedEvent(position, event.partitionKey(), EventCodec.encode(event)));
            }
            batches.add(batch);
        }

        List<CompletableFuture<RecordingService.Outcome>> later = new CopyOnWriteArrayList<>();
        // started (subscribed) the moment the first batch has committed, while the other two may be under the lock
        Uni<RecordingService.Outcome> first = recording.record(batches.get(0)).invoke(() -> batches.subList(3, 9)
                .forEach(batch -> later.add(recording.record(batch).subscribeAsCompletionStage())));
        Uni.join().all(first, recording.record(batches.get(1)), recording.record(batches.get(2))).andFailFast()
                .await().atMost(PATIENCE);
        assertThat(later).hasSize(6);
        for (CompletableFuture<RecordingService.Outcome> batch : later) {
            assertThat(batch.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).appended()).isEqualTo(perBatch);
        }

        List<Row> rows = rows("select seq from audit_entry where tenant = $1 order by seq", tenant);
        assertThat(rows).hasSize(9 * perBatch);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getLong("seq")).isEqualTo(i + 1L);
        }
        assertThat(rows("select seq from audit_chain where tenant = $1", tenant).get(0).getLong("seq"))
                .isEqualTo(9L * perBatch);
    }

    private List<Row> rows(String sql, String tenant) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().atMost(PATIENCE).forEach(rows::add);
        return rows;
    }
}
