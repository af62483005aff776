package io.consentline.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class CompactCanonicalTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aUnitStartsWithItsOneTagByte() {
        assertThat(new CompactCanonical().toBytes()).containsExactly(3);
    }

    @Test
    void aLowerCaseUuidTakesItsSixteenBytes() {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

        assertThat(unit(id.toString())).isEqualTo(HEX.parseHex("03" + "01" + "0f8fad5bd9cb469fa16570867728950e"));
        assertThat(readBack(id.toString())).isEqualTo(id.toString());
    }

    @Test
    void lowerCaseHexTakesTheBytesItSpells() {
        String hmac = "ab".repeat(32); // an identifier hash: 64 hex characters

        // header 2 * (32 + 1) + 1 = 67, then 32 bytes
        assertThat(unit(hmac)).isEqualTo(HEX.parseHex("03" + "43" + "ab".repeat(32)));
        assertThat(readBack(hmac)).isEqualTo(hmac);
    }

    @Test
    void otherTextIsItsUtf8AfterAnEvenHeader() {
        assertThat(unit("acme")).isEqualTo(HEX.parseHex("03" + "0a" + "61636d65")); // 2 * (4 + 1) = 10
        assertThat(unit("")).isEqualTo(HEX.parseHex("03" + "02"));
        assertThat(unit(null)).isEqualTo(HEX.parseHex("03" + "00"));
        assertThat(readBack("")).isEmpty();
        assertThat(readBack(null)).isNull();
    }

    @Test
    void upperCaseUuidsAndHexStayTextSoThatDecodingGivesTheSameText() {
        String upper = "0F8FAD5B-D9CB-469F-A165-70867728950E";

        assertThat(unit(upper)[1]).isEqualTo((byte) (2 * (36 + 1)));
        assertThat(readBack(upper)).isEqualTo(upper);
        assertThat(readBack("ABCD")).isEqualTo("ABCD");
        assertThat(readBack("abc")).as("odd length").isEqualTo("abc");
    }

    @Test
    void aTextThatStopsBeingAUuidOrHexAtItsLastByteIsWrittenAsItsUtf8() {
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        String longHex = "ab".repeat(400); // longer than the encoder's first buffer: it grows while writing the digits

        for (String text : new String[] { uuid.substring(0, 35) + "g", uuid.substring(0, 35) + "E",
                "x" + uuid.substring(1), "ab".repeat(31) + "aG", longHex.substring(0, 799) + "-" }) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

            assertThat(unit(text)).as(text).isEqualTo(new CompactCanonical().text(utf8, 0, utf8.length).toBytes())
                    .endsWith(utf8).hasSize(1 + (utf8.length < 63 ? 1 : 2) + utf8.length);
            assertThat(readBack(text)).isEqualTo(text);
        }
        assertThat(unit(uuid.replace("-", "") + "abcd")).as("36 hex digits without dashes: hex")
                .isEqualTo(HEX.parseHex("03" + "27" + uuid.replace("-", "") + "abcd"));
        assertThat(unit(longHex)).hasSize(1 + 2 + 400);
    }

    @Test
    void aTextOfSixtyThreeBytesOrMoreHasATwoByteHeader() {
        String text = "x".repeat(100); // header 2 * 101 = 202 = 0xca: 0x4a | 0x80, then 0x01

        assertThat(unit(text)).startsWith(3, 0xca, 0x01);
        assertThat(readBack(text)).isEqualTo(text);
    }

    @Property
    void everyTextReadsBackAsItself(@ForAll String text) {
        assertThat(readBack(text)).isEqualTo(text);
    }

    @Property
    void aTextEncodesTheSameFromItsStringAndFromItsBytes(@ForAll String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[utf8.length + 3];
        System.arraycopy(utf8, 0, padded, 2, utf8.length);

        assertThat(new CompactCanonical().text(padded, 2, utf8.length).toBytes()).isEqualTo(unit(text));
    }

    @Test
    void fixedFieldsHaveNoLengthAndOptionalOnesAPresenceByte() {
        byte[] unit = new CompactCanonical().int64(1).optionalInt32(null).optionalInt32(7).optionalUuid(null)
                .optionalDigest(null).toBytes();

        assertThat(unit).isEqualTo(HEX.parseHex("03" + "0000000000000001" + "00" + "01" + "00000007" + "00" + "00"));
    }

    @Test
    void aFieldOfTheWrongWidthIsRefused() {
        assertThatThrownBy(() -> new CompactCanonical().fixed(new byte[7], 0, 7, 8))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompactCanonical().fixed(new byte[8], 0, -1, 8))
                .as("absent where it cannot be").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompactCanonical().digest(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theReaderRefusesWhatNoEncoderWrites() {
        assertThatThrownBy(() -> read("00")).as("not a v3 tag").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a v3 unit");
        assertThatThrownBy(() -> read("03" + "8000")).as("a varint not in its shortest form")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shortest");
        assertThatThrownBy(() -> read("03" + "03")).as("an empty hex text")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("03" + "0a" + "6163")).as("a text cut short")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("03" + "01" + "0f8f")).as("a UUID cut short")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> {
            CompactCanonical.Reader r = new CompactCanonical.Reader(HEX.parseHex("03" + "02" + "ff"));
            r.text();
            r.end();
        }).as("bytes after the last field").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CompactCanonical.Reader(HEX.parseHex("03" + "02")).optionalInt32())
                .as("a presence byte of 2").isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] unit(String text) {
        return new CompactCanonical().text(text).toBytes();
    }

    private static String readBack(String text) {
        CompactCanonical.Reader r = new CompactCanonical.Reader(unit(text));
        String read = r.text();
        r.end();
        return read;
    }

    private static String read(String hex) {
        return new CompactCanonical.Reader(HEX.parseHex(hex)).text();
    }
}
