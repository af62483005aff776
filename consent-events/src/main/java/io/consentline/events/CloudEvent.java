package io.consentline.events;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode (the whole event is the Kafka record value,
 * {@code content-type: application/cloudevents+json}), with the {@code tenant} extension attribute.
 *
 * @param id idempotency key: consumers apply an id at most once
 * @param source URI reference of the producer, e.g. {@code /preference-gateway}
 * @param type one of {@link EventTypes}
 * @param subject the subject reference the event is about (also part of the Kafka key)
 * @param time when the fact happened
 * @param tenant the tenant (controller) the event belongs to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent<T>(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String tenant,
        T data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(tenant, "tenant");
    }

    public static <T> CloudEvent<T> of(String id, String source, String type, String tenant, String subject, Instant time,
            T data) {
        return new CloudEvent<>(SPEC_VERSION, id, source, type, subject, time, "application/json", tenant, data);
    }

    /** The Kafka record key: everything about one subject of one tenant lands in one partition, in order. */
    public String partitionKey() {
        return KafkaKeys.of(tenant, subject);
    }
}
