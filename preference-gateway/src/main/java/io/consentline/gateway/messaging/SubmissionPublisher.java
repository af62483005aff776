package io.consentline.gateway.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts submissions on {@code consent.submissions.v1} as structured-mode CloudEvents, keyed by tenant and subject.
 * The returned Uni completes only when the broker has acknowledged the record (acks=all), and fails otherwise
 * (including when no acknowledgement came within {@code consentline.gateway.publish-timeout}): the gateway
 * confirms nothing the broker did not take.
 */
@ApplicationScoped
public class SubmissionPublisher {

    private static final String CONTENT_TYPE = CloudEvent.CONTENT_TYPE + "; charset=UTF-8";

    /** Time left after the producer's own delivery timeout for its answer to reach the caller. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(1);

    private final MutinyEmitter<String> emitter;
    private final Duration timeout;
    private final Duration handOverWithin;

    SubmissionPublisher(@Channel("submissions") MutinyEmitter<String> emitter, GatewayConfig config,
            @ConfigProperty(name = "mp.messaging.outgoing.submissions.delivery.timeout.ms") long deliveryTimeoutMs) {
        this.emitter = emitter;
        this.timeout = config.publishTimeout();
        this.handOverWithin = handOverWithin(timeout, Duration.ofMillis(deliveryTimeoutMs));
    }

    /**
     * How long a send may wait before the producer takes it: what is left of the caller's wait once the producer's
     * delivery timeout and a margin for the answer are taken off (see {@link DeadlineSerializer}).
     */
    static Duration handOverWithin(Duration publishTimeout, Duration deliveryTimeout) {
        Duration left = publishTimeout.minus(deliveryTimeout).minus(ANSWER_MARGIN);
        if (left.isNegative() || left.isZero()) {
            throw new IllegalArgumentException("consentline.gateway.publish-timeout (" + publishTimeout
                    + ") must exceed the submissions producer's delivery.timeout.ms (" + deliveryTimeout
                    + ") by more than " + ANSWER_MARGIN + ": otherwise a send answered 503 could still be delivered");
        }
        return left;
    }

    public Uni<Void> publish(CloudEvent<ConsentSubmission> event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.partitionKey())
                .withHeaders(new RecordHeaders().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8))
                        .add(DeadlineSerializer.SEND_BY, Long.toString(System.currentTimeMillis()
                                + handOverWithin.toMillis()).getBytes(StandardCharsets.US_ASCII)))
                .build();
        // Fails after the timeout rather than keeping the caller waiting for as long as the broker is away. A send
        // still waiting in line by then is refused by DeadlineSerializer when its turn comes, so it never reaches
        // the broker; one the producer took has succeeded or failed within its delivery timeout before this fires.
        return emitter.sendMessage(Message.of(EventCodec.encode(event)).addMetadata(metadata))
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no acknowledgement from Kafka within " + timeout));
    }
}
