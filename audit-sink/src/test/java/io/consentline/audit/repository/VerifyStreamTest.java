package io.consentline.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.consentline.audit.domain.TestRecords;
import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.CompactCanonical;
import io.consentline.audit.domain.chain.LinkCheck;

/**
 * The verifier's reading of a binary COPY stream of packed groups (heads and units), however the driver cuts it
 * into writes: whole messages (walked where they lie), or pieces that end inside a length, a row or a group (kept
 * until complete).
 */
class VerifyStreamTest {

    private static byte[] header() {
        return ByteBuffer.allocate(19).put("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1)).putInt(0)
                .putInt(0).array();
    }

    /** One COPY message per group of {@code group} rows (and a null field for an empty group), as PostgreSQL sends. */
    private static List<byte[]> messages(List<AuditRecord> rows, int group, long changedSeq) throws IOException {
        return messages(rows, group, changedSeq, -1);
    }

    /** The same, with the unit of the row at {@code unitlessSeq} sent as absent (length -1, no bytes). */
    private static List<byte[]> messages(List<AuditRecord> rows, int group, long changedSeq, long unitlessSeq)
            throws IOException {
        List<byte[]> messages = new ArrayList<>();
        messages.add(header());
        messages.add(ByteBuffer.allocate(10).putShort((short) 2).putInt(-1).putInt(-1).array()); // a group with no rows
        for (int from = 0; from < rows.size(); from += group) {
            ByteArrayOutputStream heads = new ByteArrayOutputStream();
            ByteArrayOutputStream units = new ByteArrayOutputStream();
            for (AuditRecord r : rows.subList(from, Math.min(rows.size(), from + group))) {
                byte[] unit = r.canonical();
                if (r.seq() == changedSeq) {
                    unit[unit.length - 1] ^= 1;
                }
                heads.write(r.hash());
                heads.write(r.prevHash());
                boolean unitless = r.seq() == unitlessSeq;
                heads.write(ByteBuffer.allocate(4).putInt(unitless ? -1 : unit.length).array());
                if (!unitless) {
                    units.write(unit);
                }
            }
            messages.add(ByteBuffer.allocate(2 + 4 + heads.size() + 4 + units.size()).putShort((short) 2)
                    .putInt(heads.size()).put(heads.toByteArray()).putInt(units.size()).put(units.toByteArray())
                    .array());
        }
        messages.add(new byte[] { (byte) 0xff, (byte) 0xff });
        return messages;
    }

    private static VerifyRepository.Result read(List<byte[]> messages, int piece) throws IOException {
        return read(messages, piece, new PackedWalk(new LinkCheck(1)));
    }

    private static VerifyRepository.Result read(List<byte[]> messages, int piece, ChainWalk walk)
            throws IOException {
        CopyTuples rows = new CopyTuples(walk, ColumnWalk.BLOBS_MATCH + 1);
        if (piece <= 0) {
            for (byte[] message : messages) {
                rows.write(message, 0, message.length);
            }
        } else {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            for (byte[] message : messages) {
                all.write(message);
            }
            byte[] stream = all.toByteArray();
            for (int at = 0; at < stream.length; at += piece) {
                byte[] copy = Arrays.copyOfRange(stream, at, Math.min(stream.length, at + piece));
                rows.write(copy, 0, copy.length);
            }
        }
        return walk.result();
    }

    @Test
    void everyRowIsCheckedWhetherTheStreamComesInMessagesOrInPieces() throws IOException {
        List<byte[]> messages = messages(TestRecords.chain(23), 5, -1);

        for (int piece : new int[] { 0, 1, 3, 7, 64, 500, 100_000 }) {
            VerifyRepository.Result result = read(messages, piece);
            assertThat(result.checked()).as("pieces of %d bytes", piece).isEqualTo(23);
            assertThat(result.firstBroken()).as("pieces of %d bytes", piece).isNull();
        }
    }

    @Test
    void theFirstChangedRowIsReportedWithItsEventIdFromItsUnit() throws IOException {
        for (int piece : new int[] { 0, 5, 333, -2 }) {
            // the v2 chain read whole (-2), the v3 chain in messages and in pieces
            List<byte[]> messages = messages(TestRecords.chain(12, piece < 0 ? 2 : 3), 4, 6);
            VerifyRepository.Result result = read(messages, piece);
            assertThat(result.checked()).isEqualTo(12);
            assertThat(result.firstBroken().seq()).isEqualTo(6);
            assertThat(result.firstBroken().eventId()).isEqualTo("e-6");
            assertThat(result.firstBroken().reason()).isEqualTo(LinkCheck.CHANGED);
        }
    }

    @Test
    void aRowMissingOrWithoutItsUnitIsFoundInEitherFormat() throws IOException {
        for (int version : new int[] { 2, 3 }) {
            List<AuditRecord> rows = new ArrayList<>(TestRecords.chain(9, version));
            assertThat(read(messages(rows, 4, -1, 5), 0).firstBroken().reason()).as("v%d", version)
                    .isEqualTo(LinkCheck.UNIT_REMOVED);
            assertThat(read(messages(rows, 4, -1, 5), 0).firstBroken().seq()).isEqualTo(5);
            rows.remove(6);

            VerifyRepository.Result result = read(messages(rows, 4, -1), 7);

            assertThat(result.firstBroken().seq()).as("v%d", version).isEqualTo(8);
            assertThat(result.firstBroken().reason()).isEqualTo(LinkCheck.MISSING);
            assertThat(result.firstBroken().eventId()).isEqualTo("e-8");
        }
    }

    @Test
    void aUnitsSeqIsReadInEitherFormatAndNoneFromWhatDoesNotParse() {
        for (int version : new int[] { 2, 3 }) {
            byte[] unit = TestRecords.chain(3, version).get(2).canonical();
            byte[] padded = new byte[unit.length + 3];
            System.arraycopy(unit, 0, padded, 1, unit.length);

            assertThat(PackedWalk.seqOf(padded, 1, unit.length)).as("v%d", version).isEqualTo(3);
            assertThat(PackedWalk.seqOf(unit, 0, 12)).as("v%d cut short", version).isEqualTo(-1);
        }
        assertThat(PackedWalk.seqOf(new byte[] { 3, (byte) 0xff, (byte) 0xff }, 0, 3)).isEqualTo(-1);
        assertThat(PackedWalk.seqOf(new byte[0], 0, 0)).isEqualTo(-1);
    }

    /** A group tuple with the given heads and units fields (null for a null field). */
    private static byte[] group(byte[] heads, byte[] units) {
        ByteBuffer tuple = ByteBuffer.allocate(2 + 8 + (heads == null ? 0 : heads.length)
                + (units == null ? 0 : units.length)).putShort((short) 2);
        for (byte[] field : new byte[][] { heads, units }) {
            tuple.putInt(field == null ? -1 : field.length);
            if (field != null) {
                tuple.put(field);
            }
        }
        return tuple.array();
    }

    @Test
    void aGroupWhoseHeadsAndUnitsDisagreeIsRefusedNotPassed() throws IOException {
        AuditRecord row = TestRecords.chain(1).get(0);
        byte[] unit = row.canonical();
        byte[] head = ByteBuffer.allocate(68).put(row.hash()).put(row.prevHash()).putInt(unit.length).array();
        byte[] longer = Arrays.copyOf(unit, unit.length + 1);
        byte[] shorter = Arrays.copyOf(unit, unit.length - 1);

        assertThat(read(List.of(header(), group(head, unit), new byte[] { -1, -1 }), 0).firstBroken()).isNull();
        for (byte[] odd : new byte[][] { group(head, longer), group(head, shorter), group(head, null),
                group(null, unit), group(Arrays.copyOf(head, 67), unit),
                group(ByteBuffer.allocate(68).put(head, 0, 64).putInt(-2).array(), unit) }) {
            assertThatThrownBy(() -> read(List.of(header(), odd, new byte[] { -1, -1 }), 0))
                    .isInstanceOf(IOException.class).hasMessage("cannot check the chain's rows");
        }
    }

    @Test
    void aUnitTooBrokenToTellItsEventIdGivesNone() {
        assertThat(PackedWalk.eventIdOf(new byte[] { 0, 0, 0, 1, 65, 0, 0 }, 0, 7)).isNull();
        assertThat(PackedWalk.eventIdOf(new byte[] { (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 65 }, 0, 17)).isNull();
    }

    /**
     * The deep scan's tuple for a row, as PostgreSQL sends it: version, hash, prev_hash, the stored unit (or null),
     * the columns (their binary encoding is a v2 unit's fields after its tag) and whether the blobs match.
     */
    private static byte[] deepTuple(AuditRecord r, byte[] storedUnit, byte[] v2Unit, boolean blobsMatch)
            throws IOException {
        int tag = TAG_LENGTH;
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        t.write(ByteBuffer.allocate(2 + 6).putShort((short) (ColumnWalk.BLOBS_MATCH + 1)).putInt(2)
                .putShort((short) r.version()).array());
        t.write(ByteBuffer.allocate(4).putInt(32).array());
        t.write(r.hash());
        t.write(ByteBuffer.allocate(4).putInt(32).array());
        t.write(r.prevHash());
        t.write(ByteBuffer.allocate(4).putInt(storedUnit == null ? -1 : storedUnit.length).array());
        if (storedUnit != null) {
            t.write(storedUnit);
        }
        t.write(v2Unit, tag, v2Unit.length - tag);
        t.write(new byte[] { 0, 0, 0, 1, (byte) (blobsMatch ? 1 : 0) });
        return t.toByteArray();
    }

    private static final int TAG_LENGTH = 4 + AuditRecord.VERSION_2.length();

    private static VerifyRepository.Result deep(List<AuditRecord> rows, long oddSeq, String odd) throws IOException {
        return columns(rows, oddSeq, odd, true);
    }

    private static VerifyRepository.Result columns(List<AuditRecord> rows, long oddSeq, String odd, boolean deep)
            throws IOException {
        return columns(rows, oddSeq, odd, deep, Long.MAX_VALUE);
    }

    private static VerifyRepository.Result columns(List<AuditRecord> rows, long oddSeq, String odd, boolean deep,
            long unitsFrom) throws IOException {
        List<byte[]> messages = new ArrayList<>();
        messages.add(header());
        for (AuditRecord r : rows) {
            byte[] unit = r.canonical();
            byte[] v2Unit = TestRecords.inFormat(r, 2).canonical();
            boolean isOdd = r.seq() == oddSeq;
            byte[] columns = isOdd && odd.equals("column") ? altered(v2Unit) : v2Unit;
            byte[] stored = isOdd && odd.equals("before V7") ? null : isOdd && odd.equals("unit") ? altered(unit) : unit;
            messages.add(deepTuple(r, stored, columns, !(isOdd && odd.equals("blob"))));
        }
        messages.add(new byte[] { (byte) 0xff, (byte) 0xff });
        return read(messages, 0, new ColumnWalk(new LinkCheck(1), deep, unitsFrom));
    }

    /** The same encoding with one byte of its last field (the sealed digest) changed. */
    private static byte[] altered(byte[] unit) {
        byte[] copy = unit.clone();
        copy[copy.length - 1] ^= 1;
        return copy;
    }

    @Test
    void theDeepScanFindsAColumnThatNoLongerMatchesTheUnitInEitherFormat() throws IOException {
        for (int version : new int[] { 2, 3 }) {
            assertThat(deep(TestRecords.chain(5, version), -1, "").firstBroken()).as("v%d", version).isNull();

            VerifyRepository.Result result = deep(TestRecords.chain(5, version), 3, "column");

            assertThat(result.checked()).isEqualTo(5);
            assertThat(result.firstBroken().seq()).isEqualTo(3);
            assertThat(result.firstBroken().eventId()).isEqualTo("e-3");
            assertThat(result.firstBroken().reason()).as("v%d", version).isEqualTo(LinkCheck.COLUMNS_CHANGED);
        }
    }

    @Test
    void theDeepScanFindsBlobsAndUnitsChanged() throws IOException {
        for (int version : new int[] { 2, 3 }) {
            assertThat(deep(TestRecords.chain(5, version), 2, "blob").firstBroken().reason())
                    .isEqualTo(LinkCheck.BLOB_CHANGED);
            assertThat(deep(TestRecords.chain(5, version), 4, "unit").firstBroken().reason())
                    .isEqualTo(LinkCheck.CHANGED);
        }
    }

    @Test
    void aV2RowFromBeforeV7IsCheckedOverItsTagAndColumns() throws IOException {
        VerifyRepository.Result result = deep(TestRecords.chain(5, 2), 2, "before V7");

        assertThat(result.checked()).isEqualTo(5);
        assertThat(result.firstBroken()).isNull();
    }

    @Test
    void aV2RowWithoutAUnitAfterRowsThatMustHaveOneHasHadItRemoved() throws IOException {
        VerifyRepository.Result result = columns(TestRecords.chain(5, 2), 3, "before V7", true, 1);

        assertThat(result.firstBroken().seq()).isEqualTo(3);
        assertThat(result.firstBroken().reason()).isEqualTo(LinkCheck.UNIT_REMOVED);
    }

    @Test
    void aV3RowWithoutItsUnitNoLongerLinks() throws IOException {
        VerifyRepository.Result result = deep(TestRecords.chain(5, 3), 2, "before V7");

        assertThat(result.firstBroken().seq()).isEqualTo(2);
        assertThat(result.firstBroken().reason()).isEqualTo(LinkCheck.CHANGED);
    }

    @Test
    void aV3RowWhoseColumnHasTheWrongWidthIsAChangedColumnNotAFailure() throws IOException {
        List<AuditRecord> rows = TestRecords.chain(3, 3);
        AuditRecord r = rows.get(1);
        AuditRecord shortDigest = new AuditRecord(r.tenant(), r.seq(), r.prevHash(), r.hash(), r.eventId(),
                r.eventType(), r.subjectId(), r.identifierHash(), r.identifierType(), r.purposes(), r.channel(),
                r.source(), r.statusBefore(), r.statusAfter(), r.occurredAt(), r.recordedAt(), r.causationId(),
                r.kafkaTopic(), r.kafkaPartition(), r.kafkaOffset(), r.facts(), r.keyId(), r.sealed(), 2,
                Arrays.copyOf(r.factsHash(), 31), r.sealedHash());
        List<byte[]> messages = new ArrayList<>();
        messages.add(header());
        for (AuditRecord row : rows) {
            byte[] columns = (row == r ? shortDigest : TestRecords.inFormat(row, 2)).canonical();
            messages.add(deepTuple(row, row.canonical(), columns, true));
        }
        messages.add(new byte[] { (byte) 0xff, (byte) 0xff });

        VerifyRepository.Result result = read(messages, 0, new ColumnWalk(new LinkCheck(1), true, 1));

        assertThat(result.checked()).isEqualTo(3);
        assertThat(result.firstBroken().seq()).isEqualTo(2);
        assertThat(result.firstBroken().reason()).isEqualTo(LinkCheck.COLUMNS_CHANGED);
    }

    @Test
    void theFastScanOfRowsByTheirColumnsLeavesTheDeepChecksOut() throws IOException {
        for (int version : new int[] { 2, 3 }) {
            assertThat(columns(TestRecords.chain(5, version), 3, "column", false).firstBroken()).isNull();
            assertThat(columns(TestRecords.chain(5, version), 2, "blob", false).firstBroken()).isNull();
            assertThat(columns(TestRecords.chain(5, version), 4, "unit", false).firstBroken().reason())
                    .isEqualTo(LinkCheck.CHANGED);
        }
    }

    @Test
    void aV3UnitGivesItsEventIdWhateverItsForm() {
        String id = "0f8fad5b-d9cb-469f-a165-70867728950e";
        byte[] unit = new CompactCanonical().text("acme").int64(1).text(id).text("x").toBytes();
        byte[] padded = new byte[unit.length + 4];
        System.arraycopy(unit, 0, padded, 2, unit.length);

        assertThat(PackedWalk.eventIdOf(padded, 2, unit.length)).isEqualTo(id);
        assertThat(PackedWalk.eventIdOf(unit, 0, 5)).as("cut short").isNull();
    }
}
