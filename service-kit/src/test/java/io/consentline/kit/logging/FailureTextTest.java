package io.consentline.kit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;
import io.vertx.pgclient.PgException;

class FailureTextTest {

    @Test
    void aClosedConnectionIsToldFromATimeoutThoughBothAreTheSameClass() {
        assertThat(FailureText.of(new NoStackTraceThrowable("Connection is closed")))
                .isEqualTo("NoStackTraceThrowable: Connection is closed");
        assertThat(FailureText.of(new NoStackTraceThrowable("Timeout"))).isEqualTo("NoStackTraceThrowable: Timeout");
    }

    @Test
    void aPostgresErrorIsToldBySqlStateNotByItsMessageWhichMayQuoteAValue() {
        PgException dataError = new PgException("invalid input syntax for type uuid: \"+44 7700 900123\"", "ERROR",
                "22P02", "detail with jane@example.com");
        assertThat(FailureText.of(dataError)).isEqualTo("PgException SQLSTATE 22P02");
        IllegalStateException wrapper = new IllegalStateException("could not execute: " + dataError.getMessage(),
                dataError);
        assertThat(FailureText.of(wrapper)).as("a wrapper repeating PostgreSQL's message")
                .isEqualTo("IllegalStateException (PgException SQLSTATE 22P02)");
    }

    @Test
    void phoneNumbersAndEmailsInAMessageAreMasked() {
        String text = FailureText.of(new IllegalStateException(
                "no key for +44 7700 900123 or 07700900123 (jane.doe@example.com) after 3 tries in 2026-12-05"));
        assertThat(text).doesNotContain("7700", "900123", "jane", "example.com")
                .contains("after 3 tries").startsWith("IllegalStateException: no key for •••");
    }

    @Test
    void ipAddressesAreMaskedAndTheRestOfTheCauseKept() {
        assertThat(FailureText.of(new IllegalStateException("Connection refused: localhost/127.0.0.1:15432")))
                .isEqualTo("IllegalStateException: Connection refused: localhost/•••:15432");
        assertThat(FailureText.of(new IllegalStateException("no route to 2001:db8::7 nor [::1]:8080")))
                .doesNotContain("2001", "db8", "::1")
                .isEqualTo("IllegalStateException: no route to ••• nor [•••]:8080");
    }

    @Test
    void aWrapperWithoutMessageIsDescribedByItsCause() {
        assertThat(FailureText.of(new CompletionException(new NoStackTraceThrowable("Pool closed"))))
                .isEqualTo("NoStackTraceThrowable: Pool closed");
        assertThat(FailureText.of(new RuntimeException((String) null, new NoStackTraceThrowable("Timeout"))))
                .isEqualTo("RuntimeException (NoStackTraceThrowable: Timeout)");
        assertThat(FailureText.of(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void aLongMessageIsCutAndKeptOnOneLine() {
        String text = FailureText.of(new IllegalStateException("line one\nline two " + "x".repeat(500)));
        assertThat(text).doesNotContain("\n").contains("line one line two").endsWith("…");
        assertThat(text.length()).isLessThanOrEqualTo("IllegalStateException: ".length() + FailureText.MAX_MESSAGE + 1);
    }
}
