package io.consentline.consent.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.consentline.consent.config.OutboxConfig;
import io.consentline.kit.logging.FailureText;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes committed outbox rows to Kafka in commit order, waits for the broker's acknowledgement (acks=all),
 * then marks them sent. Nudged after every commit for low latency, and swept periodically so nothing is left
 * behind after a crash or a Kafka outage. At-least-once: a row published but not yet marked may be published
 * again; consumers ignore repeated event ids.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** The CloudEvents Kafka binding's structured mode: the whole event is the value. */
    private static final org.apache.kafka.common.header.Headers STRUCTURED_CLOUD_EVENT =
            new org.apache.kafka.common.header.internals.RecordHeaders().add("content-type",
                    io.consentline.events.CloudEvent.CONTENT_TYPE.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final Pool pool;
    private final MutinyEmitter<String> emitter;
    private final int batchSize;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();

    OutboxRelay(Pool pool, @Channel("changes") MutinyEmitter<String> emitter, OutboxConfig config) {
        this.pool = pool;
        this.emitter = emitter;
        this.batchSize = config.batchSize();
    }

    @Scheduled(every = "${consentline.outbox.sweep-interval:2s}", delayed = "${consentline.outbox.sweep-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        nudge();
    }

    /** Asks for a drain; if one is running, it goes round once more before it stops. */
    public void nudge() {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            drain();
        }
    }

    private void drain() {
        pending.set(false);
        publishBatch().subscribe().with(published -> {
            if (published >= batchSize || pending.get()) {
                drain();
            } else {
                stopOrGoOn();
            }
        }, failure -> {
            LOG.warnf("outbox relay could not publish (%s); the next sweep retries", FailureText.of(failure));
            running.set(false);
        });
    }

    private void stopOrGoOn() {
        running.set(false);
        if (pending.get() && running.compareAndSet(false, true)) {
            drain();
        }
    }

    Uni<Integer> publishBatch() {
        return pool.preparedQuery(
                "select id, topic, message_key, payload from outbox where sent_at is null order by id limit $1")
                .execute(Tuple.of(batchSize))
                .chain(this::publishAndMark);
    }

    private Uni<Integer> publishAndMark(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return Uni.createFrom().item(0);
        }
        List<Long> ids = new ArrayList<>(rows.size());
        List<Uni<Void>> sends = new ArrayList<>(rows.size());
        for (Row row : rows) {
            ids.add(row.getLong("id"));
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(row.getString("topic"))
                    .withKey(row.getString("message_key"))
                    .withHeaders(STRUCTURED_CLOUD_EVENT)
                    .build();
            sends.add(emitter.sendMessage(Message.of(row.getString("payload")).addMetadata(metadata)));
        }
        return Uni.join().all(sends).andFailFast()
                .chain(() -> pool.preparedQuery("update outbox set sent_at = now() where id = any($1)")
                        .execute(Tuple.of(ids.toArray(new Long[0]))))
                .map(done -> ids.size());
    }
}
