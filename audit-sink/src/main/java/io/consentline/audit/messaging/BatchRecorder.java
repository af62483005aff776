package io.consentline.audit.messaging;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.jboss.logging.Logger;

import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.Poison;
import io.consentline.audit.domain.ReceivedEvent;
import io.consentline.audit.service.RecordingService;
import io.consentline.kit.logging.FailureText;
import io.smallrye.mutiny.Uni;

/**
 * Records one poll's batch of records. The batch completes, and its offsets are committed, only once its
 * entries are durable and its poison records are on their dead-letter topic (acks=all), so a crash at any point
 * means redelivery, which changes nothing (exactly-once effect by event id). A failure (database down) fails
 * the whole batch; the consumer's {@code @Retry} then records it again, for as long as the outage lasts (backing
 * off to every 10 s), holding the partitions so the log keeps Kafka's order per partition. Poison is recognised
 * as data and dead-lettered by the recorder itself, so no batch of valid events ever reaches the connector's
 * dead-letter strategy because of an outage.
 */
@ApplicationScoped
public class BatchRecorder {

    private static final Logger LOG = Logger.getLogger(BatchRecorder.class);

    private final RecordingService recording;
    private final DeadLetters deadLetters;

    BatchRecorder(RecordingService recording, DeadLetters deadLetters) {
        this.recording = recording;
        this.deadLetters = deadLetters;
    }

    public Uni<Void> record(ConsumerRecords<String, String> records) {
        List<ReceivedEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> r : records) {
            batch.add(new ReceivedEvent(new LogPosition(r.topic(), r.partition(), r.offset()), r.key(), r.value()));
        }
        return recording.record(batch)
                .call(outcome -> deadLetters.send(outcome.poison()))
                .onFailure().invoke(e -> LOG.warnf("could not record a batch of %d records (%s); retrying",
                        batch.size(), FailureText.of(e)))
                .replaceWithVoid();
    }

    static String describe(Poison poison) {
        LogPosition p = poison.event().position();
        return p.topic() + "/" + p.partition() + "@" + p.offset() + ": " + poison.reason();
    }
}
