package io.consentline.consent.domain.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.consentline.consent.domain.Decision;
import io.consentline.consent.domain.Outcome;
import io.consentline.consent.domain.Reason;
import io.consentline.consent.service.BulkCheckService.Answer;

/** The hand-written answer lines are the very bytes Jackson writes for the same answers. */
class AnswerLinesTest {

    /** As Quarkus configures its ObjectMapper: java.time as ISO-8601 strings. */
    private static final ObjectMapper JACKSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void decisionsAreWrittenAsJacksonWritesThem() throws Exception {
        Random random = new Random(7);
        Reason[] reasons = Reason.values();
        for (int i = 0; i < 500; i++) {
            List<Reason> why = random.ints(1 + random.nextInt(3), 0, reasons.length).mapToObj(r -> reasons[r])
                    .toList();
            Instant next = random.nextBoolean() ? null
                    : Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1 << 30), random.nextInt(3) * 500_000_000L);
            List<String> lists = random.nextBoolean() ? List.of() : List.of("national-dnc", "own");
            Decision decision = new Decision(random.nextBoolean() ? Outcome.ALLOW : Outcome.DENY, why, null,
                    Instant.EPOCH, next, lists);
            long line = random.nextLong(1, Long.MAX_VALUE);

            StringBuilder written = new StringBuilder();
            AnswerLines.appendDecision(written, line, "+447911123456", decision);

            assertThat(written).hasToString(JACKSON.writeValueAsString(new Answer(line, "+447911123456",
                    decision.outcome(), decision.reasons(), next, lists.isEmpty() ? null : lists, null)) + "\n");
        }
    }

    @Test
    void errorsAreEscapedAsJacksonEscapesThem() throws Exception {
        for (String error : List.of("phone is invalid: too short to be a phone number", "line has no \"phone\" field",
                "back\\slash", "tab\tnew\nline\rform\fbell\u0007\u001f", "é ✓ 𝄞")) {
            StringBuilder written = new StringBuilder();
            AnswerLines.appendError(written, 42, error);

            assertThat(written).hasToString(
                    JACKSON.writeValueAsString(new Answer(42, null, null, null, null, null, error)) + "\n");
        }
    }
}
