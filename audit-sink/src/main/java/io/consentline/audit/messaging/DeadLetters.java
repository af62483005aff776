package io.consentline.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.Poison;
import io.consentline.events.Topics;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Puts records that can never be recorded on their topic's dead-letter topic ({@code <topic>.dlq}), with the
 * same headers as SmallRye's dead-letter strategy: {@code dead-letter-reason}, {@code dead-letter-topic},
 * {@code dead-letter-partition}, {@code dead-letter-offset}. Completes when the broker acknowledged them.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<String> emitter;

    DeadLetters(@Channel("dead-letters") MutinyEmitter<String> emitter) {
        this.emitter = emitter;
    }

    public Uni<Void> send(List<Poison> poison) {
        if (poison.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(poison)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> send(Poison poison) {
        LogPosition from = poison.event().position();
        LOG.warnf("dead-lettering %s", BatchRecorder.describe(poison));
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", utf8(poison.reason()));
        headers.add("dead-letter-topic", utf8(from.topic()));
        headers.add("dead-letter-partition", utf8(Integer.toString(from.partition())));
        headers.add("dead-letter-offset", utf8(Long.toString(from.offset())));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetterOf(from.topic()))
                .withKey(poison.event().key())
                .withHeaders(headers)
                .build();
        String value = poison.event().value() == null ? "" : poison.event().value();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata));
    }

    private static byte[] utf8(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }
}
