package io.consentline.audit.domain;

/**
 * Where an entry was read: the Kafka topic, partition and offset of its record. Kept with the entry so that the
 * log can be compared with the topics, and a gap or a replay explained.
 */
public record LogPosition(String topic, int partition, long offset) {
}
