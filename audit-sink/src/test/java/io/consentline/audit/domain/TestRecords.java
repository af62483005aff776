package io.consentline.audit.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.audit.domain.chain.StoredEntry;

/** Entries for domain tests. */
public final class TestRecords {

    private TestRecords() {
    }

    public static PendingEntry pending(String eventId) {
        return new PendingEntry("acme", eventId, "consent.changed.v1", "s-1", "hash-1", "visitor", List.of("marketing"),
                "web", "banner", null, "GRANTED", Instant.parse("2026-11-23T10:15:30.123456789Z"), "sub-1",
                new LogPosition("consent.changes.v1", 2, 41), "{\"purpose\":\"marketing\"}", "{\"x\":1}");
    }

    public static AuditRecord record(long seq) {
        return pending("e-" + seq).chained(seq, ChainHash.genesis(), Instant.EPOCH, null, null);
    }

    public static StoredEntry stored(long position) {
        return new StoredEntry(record(position));
    }

    /** A chain of {@code length} linked rows (event ids e-1 …), each with a key and one sealed byte. */
    public static List<AuditRecord> chain(int length) {
        return chain(length, AuditRecord.CURRENT_VERSION);
    }

    /** The same in a given chain format (2 or 3). */
    public static List<AuditRecord> chain(int length, int version) {
        List<AuditRecord> rows = new ArrayList<>();
        byte[] prev = ChainHash.genesis();
        for (long seq = 1; seq <= length; seq++) {
            AuditRecord r = inFormat(pending("e-" + seq).chained(seq, prev, Instant.parse("2026-11-23T10:00:00Z"),
                    UUID.randomUUID(), new byte[] { (byte) seq }), version);
            rows.add(r);
            prev = r.hash();
        }
        return rows;
    }

    /** The row's fields in a chain format (2 or 3), hashed in it (as appended in that format). */
    public static AuditRecord inFormat(AuditRecord r, int version) {
        AuditRecord unhashed = new AuditRecord(r.tenant(), r.seq(), r.prevHash(), null, r.eventId(), r.eventType(),
                r.subjectId(), r.identifierHash(), r.identifierType(), r.purposes(), r.channel(), r.source(),
                r.statusBefore(), r.statusAfter(), r.occurredAt(), r.recordedAt(), r.causationId(), r.kafkaTopic(),
                r.kafkaPartition(), r.kafkaOffset(), r.facts(), r.keyId(), r.sealed(), version, r.factsHash(),
                r.sealedHash());
        return new AuditRecord(r.tenant(), r.seq(), r.prevHash(), ChainHash.link(r.prevHash(), unhashed.canonical()),
                r.eventId(), r.eventType(), r.subjectId(), r.identifierHash(), r.identifierType(), r.purposes(),
                r.channel(), r.source(), r.statusBefore(), r.statusAfter(), r.occurredAt(), r.recordedAt(),
                r.causationId(), r.kafkaTopic(), r.kafkaPartition(), r.kafkaOffset(), r.facts(), r.keyId(),
                r.sealed(), version, r.factsHash(), r.sealedHash());
    }
}
