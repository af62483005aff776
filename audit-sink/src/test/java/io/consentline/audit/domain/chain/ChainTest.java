package io.consentline.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.consentline.audit.domain.TestRecords;

class ChainTest {

    private static final Instant RECORDED = Instant.parse("2026-11-23T10:15:31.5Z");

    @Test
    void aRowHashesItsPredecessorsHashAndItsCanonicalEncoding() {
        byte[] prev = ChainHash.link(ChainHash.genesis(), new byte[] { 1 });

        AuditRecord record = TestRecords.pending("e-1").chained(7, prev, RECORDED, UUID.randomUUID(), new byte[] { 9 });

        assertThat(record.hash()).isEqualTo(ChainHash.link(prev, record.canonical()));
        assertThat(record.linksCorrectly()).isTrue();
        assertThat(record.hash()).hasSize(32);
    }

    @Test
    void theFirstRowOfAChainFollowsThirtyTwoZeroBytes() {
        assertThat(ChainHash.genesis()).hasSize(32).containsOnly(0);
    }

    @Test
    void anyStoredFieldChangedBreaksTheLink() {
        AuditRecord r = TestRecords.record(1);
        List<AuditRecord> altered = List.of(
                new AuditRecord(r.tenant(), r.seq(), r.prevHash(), r.hash(), r.eventId(), r.eventType(), r.subjectId(),
                        r.identifierHash(), r.identifierType(), r.purposes(), r.channel(), r.source(),
                        r.statusBefore(), "DENIED", r.occurredAt(), r.recordedAt(), r.causationId(), r.kafkaTopic(),
                        r.kafkaPartition(), r.kafkaOffset(), r.facts(), r.keyId(), r.sealed()),
                new AuditRecord(r.tenant(), r.seq(), r.prevHash(), r.hash(), r.eventId(), r.eventType(), r.subjectId(),
                        r.identifierHash(), r.identifierType(), List.of("analytics"), r.channel(), r.source(),
                        r.statusBefore(), r.statusAfter(), r.occurredAt(), r.recordedAt(), r.causationId(),
                        r.kafkaTopic(), r.kafkaPartition(), r.kafkaOffset(), r.facts(), r.keyId(), r.sealed()),
                new AuditRecord(r.tenant(), r.seq(), r.prevHash(), r.hash(), r.eventId(), r.eventType(), r.subjectId(),
                        r.identifierHash(), r.identifierType(), r.purposes(), r.channel(), r.source(),
                        r.statusBefore(), r.statusAfter(), r.occurredAt().plusNanos(1000), r.recordedAt(),
                        r.causationId(), r.kafkaTopic(), r.kafkaPartition(), r.kafkaOffset(), r.facts(), r.keyId(),
                        r.sealed()),
                new AuditRecord(r.tenant(), r.seq(), r.prevHash(), r.hash(), r.eventId(), r.eventType(), r.subjectId(),
                        r.identifierHash(), r.identifierType(), r.purposes(), r.channel(), r.source(),
                        r.statusBefore(), r.statusAfter(), r.occurredAt(), r.recordedAt(), r.causationId(),
                        r.kafkaTopic(), r.kafkaPartition(), r.kafkaOffset(), r.facts(), r.keyId(), new byte[] { 1 }));

        assertThat(r.linksCorrectly()).isTrue();
        assertThat(altered).noneMatch(AuditRecord::linksCorrectly);
    }

    @Test
    void timesAreKeptToTheMicrosecondAsTheDatabaseKeepsThem() {
        AuditRecord record = TestRecords.record(1);

        assertThat(record.occurredAt()).isEqualTo(Instant.parse("2026-11-23T10:15:30.123456Z"));
    }

    @Test
    void theCanonicalEncodingStartsWithItsVersionAndTenant() {
        byte[] canonical = TestRecords.record(1).canonical();

        assertThat(canonical).startsWith(new Canonical().text(AuditRecord.VERSION).text("acme").number(1L).toBytes());
    }
}
