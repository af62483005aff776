package io.consentline.events;

/** Builds Kafka record keys so that all events of one subject of one tenant share a partition. */
public final class KafkaKeys {

    private KafkaKeys() {
    }

    public static String of(String tenant, String subjectReference) {
        return tenant + "/" + subjectReference;
    }
}
