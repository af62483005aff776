package io.consentline.consent.messaging;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.consentline.consent.service.SubmissionService;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.MalformedEventException;
import io.consentline.kit.logging.FailureText;
import io.consentline.kit.messaging.DeadLetter;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;

/**
 * Consumes the gateway's submissions, a poll's worth at a time: they are applied in Kafka order in one
 * transaction, and the batch's offsets are committed only after it committed and its poison records are on
 * {@code consent.submissions.v1.dlq} (acks=all) with the reason. A record that is not a submission, or one that
 * can never be applied, is dead-lettered alone; the rest of its batch is applied. Any other failure (database
 * down, session cut) fails the batch, which is retried for as long as the failure lasts, backing off to every
 * 10 s: a valid submission is never dead-lettered because of an outage (an opt-out that only reached the
 * dead-letter topic would leave the dialer calling someone who said STOP), and the partitions wait, so later
 * events stay in order behind it.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final SubmissionService submissions;
    private final MutinyEmitter<String> deadLetters;

    SubmissionConsumer(SubmissionService submissions, @Channel("dead-letters") MutinyEmitter<String> deadLetters) {
        this.submissions = submissions;
        this.deadLetters = deadLetters;
    }

    @Incoming("submissions")
    @Retry(delay = 500, jitter = 200, maxRetries = -1, maxDuration = 0)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        List<DeadLetter> poison = new ArrayList<>();
        List<CloudEvent<ConsentSubmission>> events = new ArrayList<>(records.count());
        Map<CloudEvent<ConsentSubmission>, ConsumerRecord<String, String>> origin = new IdentityHashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            try {
                CloudEvent<ConsentSubmission> event = EventCodec.decodeSubmission(record.value());
                events.add(event);
                origin.put(event, record);
            } catch (MalformedEventException e) {
                poison.add(deadLetter(record, e.getMessage()));
            }
        }
        return submissions.applyAll(events)
                .map(refused -> {
                    refused.forEach(r -> poison.add(deadLetter(origin.get(r.event()), r.reason())));
                    return poison;
                })
                .call(this::send)
                .onFailure().invoke(e -> LOG.warnf("could not apply a batch of %d submissions (%s); retrying",
                        records.count(), FailureText.of(e)))
                .replaceWithVoid();
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, String> record, String reason) {
        return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(), record.value(), reason);
    }

    private Uni<Void> send(List<DeadLetter> poison) {
        if (poison.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(poison)
                .onItem().transformToUniAndConcatenate(letter -> {
                    LOG.warnf("dead-lettering a submission: %s", letter.describe());
                    return deadLetters.sendMessage(letter.message());
                })
                .collect().last().replaceWithVoid();
    }
}
