package io.consentline.audit.domain.chain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of the audit log exactly as stored, including its place in its tenant's hash chain. Its
 * {@link #canonical()} encoding covers every stored field but the row id (a storage detail), in this order: the
 * version tag, tenant, seq, eventId, eventType, subjectId, identifierHash, identifierType, purposes (joined by
 * U+001F), channel, source, statusBefore, statusAfter, occurredAt, recordedAt, causationId, kafkaTopic,
 * kafkaPartition, kafkaOffset, facts, keyId, sealed. The personal data is covered as ciphertext ({@code sealed}),
 * so shredding the subject's key leaves every hash intact.
 *
 * <p>Three chain formats live side by side, one tag per row ({@code version}): <b>v1</b> ({@value #VERSION}) encodes
 * {@code facts} and {@code sealed} themselves, numbers as decimal text and instants as ISO text; <b>v2</b>
 * ({@value #VERSION_2}) encodes the SHA-256 digests of {@code facts} and {@code sealed} in their place (stored in
 * {@code factsHash} and {@code sealedHash}, computed once at append) and numbers, instants and the key id in
 * PostgreSQL's binary form (see {@link Canonical}). A v2 link thus hashes ~450 bytes whatever the event's size,
 * and a verifier can hash rows as {@code COPY … (FORMAT binary)} streams them; that the blobs still match their
 * digests is checked separately ({@link #blobsMatchDigests()}, the deep verify). <b>v3</b> (one tag byte,
 * {@link CompactCanonical#TAG}; appended since V9) covers what v2 covers in a compact form without a length before
 * every field, identifiers in binary ({@link CompactCanonical}): ~300 bytes instead of ~470.
 *
 * @param seq the row's position in its tenant's chain, from 1
 * @param prevHash the previous row's hash; 32 zero bytes for the first row
 * @param hash SHA-256(prevHash || canonical())
 * @param facts the event's data as JSON without its personal fields
 * @param keyId the subject key {@code sealed} is encrypted with; null when nothing is sealed
 * @param sealed the personal fields of the event's data (older rows: the whole data as received),
 *        AES-GCM under the subject's key; null when nothing is personal
 * @param version the chain format of this row, 1, 2 or 3
 * @param factsHash v2 and v3: SHA-256 of {@code facts} (UTF-8) as appended; null in v1
 * @param sealedHash v2 and v3: SHA-256 of {@code sealed} as appended; null in v1 and when nothing is sealed
 * @param unit the bytes this row's link was computed over when it was appended ({@link PendingEntry#chained}), so
 *        that the append stores them without encoding the row a second time; null for a row read back or built
 *        otherwise. {@link #canonical()} and {@link #linksCorrectly()} always encode the fields themselves.
 */
public record AuditRecord(String tenant, long seq, byte[] prevHash, byte[] hash, String eventId, String eventType,
        String subjectId, String identifierHash, String identifierType, List<String> purposes, String channel,
        String source, String statusBefore, String statusAfter, Instant occurredAt, Instant recordedAt,
        String causationId, String kafkaTopic, Integer kafkaPartition, Long kafkaOffset, String facts, UUID keyId,
        byte[] sealed, int version, byte[] factsHash, byte[] sealedHash, byte[] unit) {

    public static final String VERSION = "consentline.audit.v1";
    public static final String VERSION_2 = "consentline.audit.v2";
    /** The chain format new rows are appended in. */
    public static final int CURRENT_VERSION = 3;
    /** Separates purposes in the canonical encoding; never part of a purpose. */
    public static final char PURPOSE_SEPARATOR = '\u001f';

    public AuditRecord {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(facts, "facts");
        purposes = List.copyOf(purposes);
        if (version < 1 || version > 3) {
            throw new IllegalArgumentException("unknown chain format " + version);
        }
    }

    /** A row without the unit it was appended with (read back, or built in a test). */
    public AuditRecord(String tenant, long seq, byte[] prevHash, byte[] hash, String eventId, String eventType,
            String subjectId, String identifierHash, String identifierType, List<String> purposes, String channel,
            String source, String statusBefore, String statusAfter, Instant occurredAt, Instant recordedAt,
            String causationId, String kafkaTopic, Integer kafkaPartition, Long kafkaOffset, String facts, UUID keyId,
            byte[] sealed, int version, byte[] factsHash, byte[] sealedHash) {
        this(tenant, seq, prevHash, hash, eventId, eventType, subjectId, identifierHash, identifierType, purposes,
                channel, source, statusBefore, statusAfter, occurredAt, recordedAt, causationId, kafkaTopic,
                kafkaPartition, kafkaOffset, facts, keyId, sealed, version, factsHash, sealedHash, null);
    }

    /** A row of chain format v1 (the rows appended before v2). */
    public AuditRecord(String tenant, long seq, byte[] prevHash, byte[] hash, String eventId, String eventType,
            String subjectId, String identifierHash, String identifierType, List<String> purposes, String channel,
            String source, String statusBefore, String statusAfter, Instant occurredAt, Instant recordedAt,
            String causationId, String kafkaTopic, Integer kafkaPartition, Long kafkaOffset, String facts,
            UUID keyId, byte[] sealed) {
        this(tenant, seq, prevHash, hash, eventId, eventType, subjectId, identifierHash, identifierType, purposes,
                channel, source, statusBefore, statusAfter, occurredAt, recordedAt, causationId, kafkaTopic,
                kafkaPartition, kafkaOffset, facts, keyId, sealed, 1, null, null);
    }

    /** The bytes this row's link hashes (after the previous hash), in its own chain format. */
    public byte[] canonical() {
        return switch (version) {
            case 1 -> canonicalV1();
            case 2 -> canonicalV2();
            default -> canonicalV3();
        };
    }

    /**
     * The unit to store with the row (V7): the bytes its link was computed over at append when known, else its
     * {@link #canonical()} encoding; null for a v1 row, which stores none.
     */
    public byte[] unitToStore() {
        return version == 1 ? null : unit != null ? unit : canonical();
    }

    private byte[] canonicalV1() {
        return new Canonical().text(VERSION).text(tenant).number(seq).text(eventId).text(eventType)
                .text(subjectId).text(identifierHash).text(identifierType).text(joinedPurposes()).text(channel)
                .text(source).text(statusBefore).text(statusAfter).instant(occurredAt).instant(recordedAt)
                .text(causationId).text(kafkaTopic).number(kafkaPartition == null ? null : kafkaPartition.longValue())
                .number(kafkaOffset).text(facts).text(keyId == null ? null : keyId.toString()).bytes(sealed)
                .toBytes();
    }

    private byte[] canonicalV2() {
        return new Canonical().text(VERSION_2).text(tenant).int64(seq).text(eventId).text(eventType)
                .text(subjectId).text(identifierHash).text(identifierType).text(joinedPurposes()).text(channel)
                .text(source).text(statusBefore).text(statusAfter).micros(occurredAt).micros(recordedAt)
                .text(causationId).text(kafkaTopic).int32(kafkaPartition).int64(kafkaOffset).bytes(factsHash)
                .uuid(keyId).bytes(sealedHash).toBytes();
    }

    private byte[] canonicalV3() {
        return new CompactCanonical().text(tenant).int64(seq).text(eventId).text(eventType).text(subjectId)
                .text(identifierHash).text(identifierType).text(joinedPurposes()).text(channel).text(source)
                .text(statusBefore).text(statusAfter).micros(occurredAt).micros(recordedAt).text(causationId)
                .text(kafkaTopic).optionalInt32(kafkaPartition).optionalInt64(kafkaOffset).digest(factsHash)
                .optionalUuid(keyId).optionalDigest(sealedHash).toBytes();
    }

    /**
     * A v2 or v3 row read back from the bytes its link covers ({@code unit}, stored since V7) and the parts the unit
     * covers by digest or does not hold: so every field shown is one the chain proves (the blobs through their
     * digests). The unit's first byte tells its format.
     *
     * @throws IllegalArgumentException when the unit is neither a v2 nor a v3 encoding
     */
    public static AuditRecord ofUnit(byte[] unit, byte[] prevHash, byte[] hash, String facts, byte[] sealed) {
        if (unit.length > 0 && unit[0] == CompactCanonical.TAG) {
            return ofUnit(new CompactCanonical.Reader(unit), 3, prevHash, hash, facts, sealed);
        }
        Canonical.Reader r = new Canonical.Reader(unit);
        String tag = r.text();
        if (!VERSION_2.equals(tag)) {
            throw new IllegalArgumentException("not a " + VERSION_2 + " unit: " + tag);
        }
        return ofUnit(r, 2, prevHash, hash, facts, sealed);
    }

    /** The fields after the tag, in the order {@link #canonical()} writes them in v2 and v3. */
    private static AuditRecord ofUnit(UnitReader r, int version, byte[] prevHash, byte[] hash, String facts,
            byte[] sealed) {
        String tenant = r.text();
        long seq = r.seq();
        String eventId = r.text(), eventType = r.text(), subjectId = r.text(), identifierHash = r.text(),
                identifierType = r.text();
        List<String> purposes = splitPurposes(r.text());
        String channel = r.text(), source = r.text(), statusBefore = r.text(), statusAfter = r.text();
        Instant occurredAt = r.instant(), recordedAt = r.instant();
        String causationId = r.text(), kafkaTopic = r.text();
        Integer kafkaPartition = r.optionalInt32();
        Long kafkaOffset = r.optionalInt64();
        byte[] factsHash = r.digest();
        UUID keyId = r.optionalUuid();
        byte[] sealedHash = r.optionalDigest();
        r.end();
        if (tenant == null || eventId == null) {
            throw new IllegalArgumentException("a unit without its tenant or event id");
        }
        return new AuditRecord(tenant, seq, prevHash, hash, eventId, eventType, subjectId, identifierHash,
                identifierType, purposes, channel, source, statusBefore, statusAfter, occurredAt, recordedAt,
                causationId, kafkaTopic, kafkaPartition, kafkaOffset, facts, keyId, sealed, version, factsHash,
                sealedHash);
    }

    /** Purposes as {@link #joinedPurposes()} joined them (none for an empty or absent text). */
    public static List<String> splitPurposes(String joined) {
        return joined == null || joined.isEmpty() ? List.of()
                : List.of(joined.split(String.valueOf(PURPOSE_SEPARATOR), -1));
    }

    /** True when the stored hash is the link from the stored previous hash over this row. */
    public boolean linksCorrectly() {
        return Arrays.equals(hash, ChainHash.link(prevHash, canonical()));
    }

    /**
     * True when {@code facts} and {@code sealed} are still what their digests (which the chain covers) say; always
     * true in v1, whose link covers the blobs themselves (v2 and v3 cover them by digest).
     */
    public boolean blobsMatchDigests() {
        return version == 1 || Arrays.equals(factsHash, digestOfFacts(facts)) && Arrays.equals(sealedHash,
                digestOfSealed(sealed));
    }

    public static byte[] digestOfFacts(String facts) {
        return ChainHash.digest(facts.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] digestOfSealed(byte[] sealed) {
        return sealed == null ? null : ChainHash.digest(sealed);
    }

    public String joinedPurposes() {
        // a change is about one purpose: nothing to join (String.join showed in profiles of the append)
        return purposes.size() == 1 ? purposes.get(0) : String.join(String.valueOf(PURPOSE_SEPARATOR), purposes);
    }

    @Override
    public String toString() {
        return "AuditRecord[" + tenant + "#" + seq + " v" + version + " " + eventType + " " + eventId + "]";
    }
}
