package io.consentline.audit.domain.chain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.consentline.audit.domain.InvalidChangeException;
import io.consentline.audit.domain.LogPosition;

/**
 * An entry about to be appended: the facts of one event, before it has a place in the chain and before its
 * personal data is sealed.
 *
 * @param personalJson the personal fields of the event's data ({@link PersonalFields.Split#personal()}), to be
 *        sealed under the subject's key; null when the entry holds nothing personal (an erasure)
 * @param position where the event was read; null when it did not come through Kafka
 */
public record PendingEntry(String tenant, String eventId, String eventType, String subjectId, String identifierHash,
        String identifierType, List<String> purposes, String channel, String source, String statusBefore,
        String statusAfter, Instant occurredAt, String causationId, LogPosition position, String facts,
        String personalJson) {

    public PendingEntry {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(identifierHash, "identifierHash");
        Objects.requireNonNull(facts, "facts");
        Objects.requireNonNull(occurredAt, "occurredAt");
        purposes = List.copyOf(purposes);
        for (String purpose : purposes) {
            if (purpose.indexOf(AuditRecord.PURPOSE_SEPARATOR) >= 0) {
                throw new InvalidChangeException("a purpose contains a control character");
            }
        }
        occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** The entry as the next link of its chain, after {@code prevHash}, in the current chain format (v3). */
    public AuditRecord chained(long seq, byte[] prevHash, Instant recordedAt, UUID keyId, byte[] sealed) {
        return chained(seq, prevHash, recordedAt, keyId, sealed, AuditRecord.digestOfFacts(facts),
                AuditRecord.digestOfSealed(sealed));
    }

    /**
     * The same, with the digests of facts and sealed already computed (they do not depend on the entry's place in
     * the chain, so an appender computes them before it takes the chain head's lock).
     */
    public AuditRecord chained(long seq, byte[] prevHash, Instant recordedAt, UUID keyId, byte[] sealed,
            byte[] factsHash, byte[] sealedHash) {
        byte[] unit = record(seq, prevHash, null, recordedAt, keyId, sealed, factsHash, sealedHash, null).canonical();
        return record(seq, prevHash, ChainHash.link(prevHash, unit), recordedAt, keyId, sealed, factsHash,
                sealedHash, unit);
    }

    private AuditRecord record(long seq, byte[] prevHash, byte[] hash, Instant recordedAt, UUID keyId,
            byte[] sealed, byte[] factsHash, byte[] sealedHash, byte[] unit) {
        return new AuditRecord(tenant, seq, prevHash, hash, eventId, eventType, subjectId, identifierHash,
                identifierType, purposes, channel, source, statusBefore, statusAfter, occurredAt,
                recordedAt.truncatedTo(ChronoUnit.MICROS), causationId,
                position == null ? null : position.topic(), position == null ? null : position.partition(),
                position == null ? null : position.offset(), facts, keyId, sealed, AuditRecord.CURRENT_VERSION,
                factsHash, sealedHash, unit);
    }

    @Override
    public String toString() {
        return "PendingEntry[" + tenant + " " + eventType + " " + eventId + "]";
    }
}
