package io.consentline.audit.domain;

/** A Kafka record as received: where it was read, its key and its raw value. */
public record ReceivedEvent(LogPosition position, String key, String value) {

    @Override
    public String toString() {
        return "ReceivedEvent[" + position + "]";
    }
}
