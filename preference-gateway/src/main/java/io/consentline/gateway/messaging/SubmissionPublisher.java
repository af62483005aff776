package io.consentline.gateway.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
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

    private final MutinyEmitter<String> emitter;
    private final Duration timeout;

    SubmissionPublisher(@Channel("submissions") MutinyEmitter<String> emitter, GatewayConfig config) {
        this.emitter = emitter;
        this.timeout = config.publishTimeout();
    }

    public Uni<Void> publish(CloudEvent<ConsentSubmission> event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.partitionKey())
                .withHeaders(new RecordHeaders().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8)))
                .build();
        // Fails after the timeout rather than keeping the caller waiting for as long as the broker is away. A
        // submission that timed out may still reach the broker later (it was handed to the producer): no receipt
        // was given for it, and a repeated choice changes nothing (see SubmissionPlanner in consent-service).
        return emitter.sendMessage(Message.of(EventCodec.encode(event)).addMetadata(metadata))
                .ifNoItem().after(timeout)
                .failWith(() -> new TimeoutException("no acknowledgement from Kafka within " + timeout));
    }
}
