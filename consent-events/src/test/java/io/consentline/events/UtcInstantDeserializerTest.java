package io.consentline.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The fast reader of instants must accept and mean exactly what Jackson's own reader (DateTimeFormatter) does: the
 * same instant for every text it reads itself, the same answer (value or refusal) for every text it hands on.
 */
class UtcInstantDeserializerTest {

    /** What EventCodec read instants with before: Jackson's JavaTimeModule alone. */
    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void readsTheUtcFormWithAnyNumberOfFractionDigitsAsInstantParseDoes() {
        Random random = new Random(20261203);
        for (int i = 0; i < 20_000; i++) {
            // years 1 to 9999, any nanosecond
            Instant instant = Instant.ofEpochSecond(-62_135_596_800L + (long) (random.nextDouble() * 315_537_897_599L),
                    random.nextInt(1_000_000_000));
            String text = instant.toString(); // ISO-8601, 'Z', 0, 3, 6 or 9 fraction digits
            assertThat(UtcInstantDeserializer.parseUtc(text)).as(text).isEqualTo(Instant.parse(text));
            String cut = withFractionDigits(text, random.nextInt(10));
            assertThat(UtcInstantDeserializer.parseUtc(cut)).as(cut).isEqualTo(Instant.parse(cut));
        }
    }

    @Test
    void handsOnEveryOtherFormWithoutGuessing() {
        for (String text : List.of("2026-11-23T10:00:00+01:00", "2026-11-23t10:00:00z", " 2026-11-23T10:00:00Z",
                "2026-11-23T10:00:00.Z", "2026-11-23T10:00:00.1234567890Z", "2026-02-29T10:00:00Z",
                "2024-02-30T00:00:00Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z", "2026-01-00T00:00:00Z",
                "2026-11-23T24:00:00Z", "2026-11-23T10:60:00Z", "2026-11-23T23:59:60Z", "+12026-11-23T10:00:00Z",
                "2026-11-23 10:00:00Z", "2026-1a-23T10:00:00Z", "2026-11-23T10:00:0aZ", "2026-11-23T10:00:00.12a4Z",
                "20261123T100000Z", "")) {
            assertThat(UtcInstantDeserializer.parseUtc(text)).as(text).isNull();
        }
    }

    @Test
    void eventCodecReadsInstantsWithItAndAgreesWithJacksonOnEveryText() throws Exception {
        assertThat(EventCodec.MAPPER.readValue("\"2026-11-23T10:00:00.5Z\"", Instant.class))
                .isEqualTo(Instant.parse("2026-11-23T10:00:00.500Z"));
        List<String> texts = new ArrayList<>(List.of("\"2026-11-23T10:00:00Z\"", "\"2026-11-23T10:00:00.123456789Z\"",
                "\"2026-11-23T10:00:00+01:00\"", "\"2026-11-23t10:00:00z\"", "\" 2026-11-23T10:00:00Z \"",
                "\"2024-02-29T10:00:00Z\"", "\"2026-02-29T10:00:00Z\"", "\"2026-11-23T24:00:00Z\"",
                "\"2026-11-23T23:59:60Z\"", "\"+12026-11-23T10:00:00Z\"", "\"2026-11-23\"", "\"\"", "\"soon\"",
                "1732356000", "1732356000.5", "null"));
        for (String json : texts) {
            assertThat(outcome(EventCodec.MAPPER, json)).as(json).isEqualTo(outcome(JACKSON, json));
        }
    }

    @Test
    void theFastPathIsTheReaderEventCodecUses() throws Exception {
        var deserializer = ((DefaultDeserializationContext) EventCodec.MAPPER.getDeserializationContext())
                .createDummyInstance(EventCodec.MAPPER.getDeserializationConfig())
                .findRootValueDeserializer(EventCodec.MAPPER.constructType(Instant.class));
        assertThat(deserializer).isInstanceOf(UtcInstantDeserializer.class);
    }

    /** The value read, or the kind of refusal. */
    private static String outcome(ObjectMapper mapper, String json) {
        try {
            return String.valueOf(mapper.readValue(json, Instant.class));
        } catch (Exception e) {
            return "refused: " + e.getClass().getSimpleName();
        }
    }

    private static String withFractionDigits(String text, int digits) {
        String seconds = text.substring(0, 19);
        String fraction = text.length() > 20 ? text.substring(20, text.length() - 1) : "";
        fraction = (fraction + "000000000").substring(0, digits);
        return seconds + (digits == 0 ? "" : "." + fraction) + "Z";
    }
}
