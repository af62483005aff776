package io.consentline.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class CanonicalTest {

    private static String hex(Canonical c) {
        return HexFormat.of().formatHex(c.toBytes());
    }

    @Test
    void textIsItsUtf8LengthThenItsBytes() {
        assertThat(hex(new Canonical().text("ab"))).isEqualTo("000000026162");
        assertThat(hex(new Canonical().text("é"))).isEqualTo("00000002c3a9");
        assertThat(hex(new Canonical().text(""))).isEqualTo("00000000");
    }

    @Test
    void anAbsentFieldIsAllOnes() {
        assertThat(hex(new Canonical().text(null))).isEqualTo("ffffffff");
        assertThat(hex(new Canonical().bytes(null))).isEqualTo("ffffffff");
    }

    @Test
    void numbersAreDecimalTextAndInstantsUtcMicroseconds() {
        assertThat(hex(new Canonical().number(42L))).isEqualTo("000000023432");
        assertThat(Canonical.format(Instant.parse("2026-11-23T10:15:30.123456789Z")))
                .isEqualTo("2026-11-23T10:15:30.123456Z");
        assertThat(Canonical.format(Instant.parse("2026-11-23T10:15:30Z"))).isEqualTo("2026-11-23T10:15:30.000000Z");
    }

    @Test
    void v2NumbersInstantsAndUuidsAreFixedWidthBigEndianAsPostgresSendsThem() {
        assertThat(hex(new Canonical().int64(42L))).isEqualTo("00000008000000000000002a");
        assertThat(hex(new Canonical().int32(-1))).isEqualTo("00000004ffffffff");
        assertThat(hex(new Canonical().int64(null))).isEqualTo("ffffffff");
        // PostgreSQL's epoch: 2000-01-01T00:00:00Z is 0; one second and one microsecond later is 1000001
        assertThat(hex(new Canonical().micros(Instant.parse("2000-01-01T00:00:01.000001Z"))))
                .isEqualTo("0000000800000000000f4241");
        assertThat(Canonical.micros2000(Instant.parse("1999-12-31T23:59:59.999999Z"))).isEqualTo(-1);
        assertThat(hex(new Canonical().uuid(java.util.UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"))))
                .isEqualTo("0000001000112233445566778899aabbccddeeff");
    }

    @Test
    void fieldsCannotBeShiftedIntoEachOther() {
        // "ab","c" and "a","bc" must not encode alike
        assertThat(new Canonical().text("ab").text("c").toBytes())
                .isNotEqualTo(new Canonical().text("a").text("bc").toBytes());
        assertThat(new Canonical().text(null).toBytes()).isNotEqualTo(new Canonical().text("").toBytes());
    }

    @Test
    void fieldsLongerThanTheFirstBufferAreWrittenWhole() {
        String long1 = "x".repeat(700);
        String long2 = "y".repeat(2000);
        byte[] bytes = new Canonical().text(long1).int64(7L).text(long2).uuid(new java.util.UUID(1, 2)).toBytes();

        assertThat(hex(new Canonical().text(long1).int64(7L).text(long2).uuid(new java.util.UUID(1, 2))))
                .isEqualTo("000002bc" + "78".repeat(700) + "00000008" + "0000000000000007" + "000007d0"
                        + "79".repeat(2000) + "00000010" + "0000000000000001" + "0000000000000002");
        assertThat(bytes).hasSize(4 + 700 + 12 + 4 + 2000 + 20);
    }

    @Test
    void theReaderReadsTheFieldsBackInOrder() {
        java.util.UUID id = new java.util.UUID(1, 2);
        Instant at = Instant.parse("2026-11-23T10:15:30.123456Z");
        Canonical.Reader r = new Canonical.Reader(new Canonical().text("é").text(null).int64(-7L).int32(null)
                .micros(at).uuid(id).bytes(new byte[] { 9 }).toBytes());

        assertThat(r.text()).isEqualTo("é");
        assertThat(r.text()).isNull();
        assertThat(r.int64()).isEqualTo(-7L);
        assertThat(r.int32()).isNull();
        assertThat(r.micros()).isEqualTo(at);
        assertThat(r.uuid()).isEqualTo(id);
        assertThat(r.bytes()).containsExactly(9);
        r.end();
    }

    @Test
    void anEncodingThatDoesNotParseIsRefused() {
        byte[] twoFields = new Canonical().text("a").text("b").toBytes();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
            Canonical.Reader r = new Canonical.Reader(twoFields);
            r.text();
            r.end();
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the last field");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Canonical.Reader(twoFields).int64())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("where 8 belong");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Canonical.Reader(new byte[] { 0, 0, 0, 9, 1 }).bytes())
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Canonical.Reader(new byte[] { 0, 0 }).text())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
