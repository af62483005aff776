package io.consentline.audit.domain.chain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of the audit log exactly as stored, including its place in its tenant's hash chain. Its
 * {@link #canonical()} encoding covers every stored field but the row id (a storage detail), in this order:
 * the version tag {@value #VERSION}, tenant, seq, eventId, eventType, subjectId, identifierHash, identifierType,
 * purposes (joined by U+001F), channel, source, statusBefore, statusAfter, occurredAt, recordedAt, causationId,
 * kafkaTopic, kafkaPartition, kafkaOffset, facts, keyId, sealed. The personal data is covered as ciphertext
 * ({@code sealed}), so shredding the subject's key leaves every hash intact.
 *
 * @param seq the row's position in its tenant's chain, from 1
 * @param prevHash the previous row's hash; 32 zero bytes for the first row
 * @param hash SHA-256(prevHash || canonical())
 * @param facts the event's data as JSON without its personal fields
 * @param keyId the subject key {@code sealed} is encrypted with; null when nothing is sealed
 * @param sealed the event's data as received, AES-GCM under the subject's key; null when nothing is personal
 */
public record AuditRecord(String tenant, long seq, byte[] prevHash, byte[] hash, String eventId, String eventType,
        String subjectId, String identifierHash, String identifierType, List<String> purposes, String channel,
        String source, String statusBefore, String statusAfter, Instant occurredAt, Instant recordedAt,
        String causationId, String kafkaTopic, Integer kafkaPartition, Long kafkaOffset, String facts, UUID keyId,
        byte[] sealed) {

    public static final String VERSION = "consentline.audit.v1";
    /** Separates purposes in the canonical encoding; never part of a purpose. */
    public static final char PURPOSE_SEPARATOR = '\u001f';

    public AuditRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(facts, "facts");
        purposes = List.copyOf(purposes);
    }

    public byte[] canonical() {
        return new Canonical().text(VERSION).text(tenant).number(seq).text(eventId).text(eventType)
                .text(subjectId).text(identifierHash).text(identifierType).text(joinedPurposes()).text(channel)
                .text(source).text(statusBefore).text(statusAfter).instant(occurredAt).instant(recordedAt)
                .text(causationId).text(kafkaTopic).number(kafkaPartition == null ? null : kafkaPartition.longValue())
                .number(kafkaOffset).text(facts).text(keyId == null ? null : keyId.toString()).bytes(sealed)
                .toBytes();
    }

    /** True when the stored hash is the link from the stored previous hash over this row. */
    public boolean linksCorrectly() {
        return java.util.Arrays.equals(hash, ChainHash.link(prevHash, canonical()));
    }

    public String joinedPurposes() {
        return String.join(String.valueOf(PURPOSE_SEPARATOR), purposes);
    }

    @Override
    public String toString() {
        return "AuditRecord[" + tenant + "#" + seq + " " + eventType + " " + eventId + "]";
    }
}
