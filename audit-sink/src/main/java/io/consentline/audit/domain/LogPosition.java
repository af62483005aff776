package io.consentline.audit.domain;

/**
 * Where in the change log an entry was read: the Kafka partition and offset of its record. Kept with the entry
 * so that the log can be compared with the topic, and a gap or a replay explained.
 */
public record LogPosition(int partition, long offset) {
}
