package io.consentline.kit.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.consentline.events.Topics;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * A record that can never be processed, as the message that puts it on its topic's dead-letter topic
 * ({@code <topic>.dlq}), with the same headers as SmallRye's dead-letter strategy: {@code dead-letter-reason},
 * {@code dead-letter-topic}, {@code dead-letter-partition}, {@code dead-letter-offset}. For consumers that take
 * a poll's batch at once and so must dead-letter one record without its batch.
 */
public record DeadLetter(String topic, int partition, long offset, String key, String value, String reason) {

    /** The message to send (through an emitter on a channel with acks=all) to {@code <topic>.dlq}. */
    public Message<String> message() {
        RecordHeaders headers = new RecordHeaders();
        headers.add("dead-letter-reason", utf8(reason));
        headers.add("dead-letter-topic", utf8(topic));
        headers.add("dead-letter-partition", utf8(Integer.toString(partition)));
        headers.add("dead-letter-offset", utf8(Long.toString(offset)));
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.deadLetterOf(topic))
                .withKey(key)
                .withHeaders(headers)
                .build();
        return Message.of(value == null ? "" : value).addMetadata(metadata);
    }

    /** Where it came from and why, for the log (no payload: it may hold personal data). */
    public String describe() {
        return topic + "/" + partition + "@" + offset + ": " + reason;
    }

    private static byte[] utf8(String text) {
        return text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
    }
}
