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
    void anAppendedRowStoresTheUnitItsLinkWasComputedOver() {
        AuditRecord record = TestRecords.pending("e-1").chained(7, ChainHash.genesis(), RECORDED, UUID.randomUUID(),
                new byte[] { 9 });

        assertThat(record.unit()).isEqualTo(record.canonical());
        assertThat(record.unitToStore()).as("not encoded a second time").isSameAs(record.unit());
        assertThat(ChainHash.link(record.prevHash(), record.unitToStore())).isEqualTo(record.hash());
    }

    @Test
    void aRowBuiltWithoutItsUnitStoresItsEncodingAndAV1RowStoresNone() {
        AuditRecord v2 = TestRecords.inFormat(TestRecords.record(3), 2);
        AuditRecord v1 = withVersion(v2, 1);

        assertThat(v2.unit()).isNull();
        assertThat(v2.unitToStore()).isEqualTo(v2.canonical());
        assertThat(v2.unitToStore()[0]).as("v2's tag starts with its length's high byte").isZero();
        assertThat(v1.unitToStore()).isNull();
    }

    @Test
    void aRowReadBackFromItsUnitIsTheRowAppended() {
        AuditRecord appended = TestRecords.pending("e-1").chained(7, ChainHash.genesis(), RECORDED, UUID.randomUUID(),
                new byte[] { 9 });

        AuditRecord read = AuditRecord.ofUnit(appended.canonical(), appended.prevHash(), appended.hash(),
                appended.facts(), appended.sealed());

        assertThat(read).usingRecursiveComparison().ignoringFields("unit").isEqualTo(appended);
        assertThat(read.linksCorrectly()).isTrue();
    }

    @Test
    void aRowWithNothingSealedNorPurposesReadsBackFromItsUnit() {
        PendingEntry p = TestRecords.pending("e-2");
        AuditRecord appended = new PendingEntry(p.tenant(), p.eventId(), p.eventType(), null, p.identifierHash(),
                p.identifierType(), List.of(), p.channel(), p.source(), null, p.statusAfter(), p.occurredAt(), null,
                null, p.facts(), null).chained(1, ChainHash.genesis(), RECORDED, null, null);

        AuditRecord read = AuditRecord.ofUnit(appended.canonical(), appended.prevHash(), appended.hash(),
                appended.facts(), null);

        assertThat(read).usingRecursiveComparison().ignoringFields("unit").isEqualTo(appended);
    }

    @Test
    void aUnitOfAnotherFormatIsNotReadAsV2() {
        AuditRecord v1 = new AuditRecord("acme", 1, ChainHash.genesis(), null, "e-1", "t", null, "h", "visitor",
                List.of(), null, null, null, "GRANTED", RECORDED, RECORDED, null, null, null, null, "{}", null, null);

        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> AuditRecord.ofUnit(v1.canonical(), v1.prevHash(), v1.hash(), v1.facts(), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("consentline.audit.v1");
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
    void newRowsAreFormatV3AndTheirEncodingStartsWithItsTagTenantAndSeq() {
        AuditRecord record = TestRecords.record(1);

        assertThat(record.version()).isEqualTo(3);
        assertThat(record.canonical()).startsWith(new CompactCanonical().text("acme").int64(1L).toBytes());
    }

    @Test
    void aRowWithUuidsAndAnHmacReadsBackFromAUnitAboutASmallerThirdThanV2s() {
        PendingEntry p = TestRecords.pending("e-1");
        AuditRecord appended = new PendingEntry(p.tenant(), UUID.randomUUID().toString(), p.eventType(),
                UUID.randomUUID().toString(), "5f".repeat(32), "phone", p.purposes(), "sms", "sms-keyword",
                "GRANTED", "DENIED", p.occurredAt(), UUID.randomUUID().toString(), null, p.facts(), "{}")
                .chained(1_000_000, ChainHash.genesis(), RECORDED, UUID.randomUUID(), new byte[] { 9 });

        AuditRecord read = AuditRecord.ofUnit(appended.canonical(), appended.prevHash(), appended.hash(),
                appended.facts(), appended.sealed());

        assertThat(read).usingRecursiveComparison().ignoringFields("unit").isEqualTo(appended);
        assertThat(read.linksCorrectly()).isTrue();
        int v2Length = TestRecords.inFormat(appended, 2).canonical().length;
        assertThat(appended.canonical().length).isLessThan(v2Length * 2 / 3);
    }

    @Test
    void aV2RowKeepsItsOwnEncodingAndReadsBackFromItsUnit() {
        AuditRecord v3 = TestRecords.pending("e-1").chained(4, ChainHash.genesis(), RECORDED, UUID.randomUUID(),
                new byte[] { 9 });
        AuditRecord v2 = TestRecords.inFormat(v3, 2);

        assertThat(v2.canonical()).startsWith(
                new Canonical().text(AuditRecord.VERSION_2).text("acme").int64(4L).toBytes());
        assertThat(v2.linksCorrectly()).as("hashed in its own format").isTrue();
        assertThat(v3.hash()).isNotEqualTo(v2.hash());
        assertThat(AuditRecord.ofUnit(v2.canonical(), v2.prevHash(), v2.hash(), v2.facts(), v2.sealed()))
                .usingRecursiveComparison().isEqualTo(v2);
    }

    @Test
    void aLinkCoversTheBlobsThroughTheirDigests() {
        AuditRecord r = TestRecords.pending("e-1").chained(1, ChainHash.genesis(), RECORDED, UUID.randomUUID(),
                new byte[] { 9, 9 });

        assertThat(r.factsHash()).isEqualTo(AuditRecord.digestOfFacts(r.facts()));
        assertThat(r.sealedHash()).isEqualTo(AuditRecord.digestOfSealed(r.sealed()));
        assertThat(r.linksCorrectly()).isTrue();
        assertThat(r.blobsMatchDigests()).isTrue();
        assertThat(withSealed(r, new byte[] { 9, 8 }, r.sealedHash()).linksCorrectly())
                .as("the link alone does not re-hash the blob").isTrue();
        assertThat(withSealed(r, new byte[] { 9, 8 }, r.sealedHash()).blobsMatchDigests()).isFalse();
        assertThat(withSealed(r, new byte[] { 9, 8 }, AuditRecord.digestOfSealed(new byte[] { 9, 8 })).linksCorrectly())
                .as("a blob changed together with its digest breaks the link").isFalse();
    }

    @Test
    void aV1RowKeepsItsOwnEncoding() {
        AuditRecord v2 = TestRecords.record(1);
        AuditRecord v1 = new AuditRecord(v2.tenant(), v2.seq(), v2.prevHash(), null, v2.eventId(), v2.eventType(),
                v2.subjectId(), v2.identifierHash(), v2.identifierType(), v2.purposes(), v2.channel(), v2.source(),
                v2.statusBefore(), v2.statusAfter(), v2.occurredAt(), v2.recordedAt(), v2.causationId(),
                v2.kafkaTopic(), v2.kafkaPartition(), v2.kafkaOffset(), v2.facts(), v2.keyId(), v2.sealed());

        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.canonical()).startsWith(new Canonical().text(AuditRecord.VERSION).text("acme").number(1L).toBytes());
        assertThat(v1.blobsMatchDigests()).isTrue();
    }

    private static AuditRecord withVersion(AuditRecord r, int version) {
        return new AuditRecord(r.tenant(), r.seq(), r.prevHash(), r.hash(), r.eventId(), r.eventType(), r.subjectId(),
                r.identifierHash(), r.identifierType(), r.purposes(), r.channel(), r.source(), r.statusBefore(),
                r.statusAfter(), r.occurredAt(), r.recordedAt(), r.causationId(), r.kafkaTopic(), r.kafkaPartition(),
                r.kafkaOffset(), r.facts(), r.keyId(), r.sealed(), version, r.factsHash(), r.sealedHash());
    }

    private static AuditRecord withSealed(AuditRecord r, byte[] sealed, byte[] sealedHash) {
        return new AuditRecord(r.tenant(), r.seq(), r.prevHash(), r.hash(), r.eventId(), r.eventType(), r.subjectId(),
                r.identifierHash(), r.identifierType(), r.purposes(), r.channel(), r.source(), r.statusBefore(),
                r.statusAfter(), r.occurredAt(), r.recordedAt(), r.causationId(), r.kafkaTopic(), r.kafkaPartition(),
                r.kafkaOffset(), r.facts(), r.keyId(), sealed, r.version(), r.factsHash(), sealedHash);
    }
}
