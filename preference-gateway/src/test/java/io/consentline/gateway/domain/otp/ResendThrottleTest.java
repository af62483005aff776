package io.consentline.gateway.domain.otp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResendThrottleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final ResendThrottle THROTTLE = new ResendThrottle(Duration.ofSeconds(60), 3);

    @Test
    void aFirstCodeIsSentAtOnce() {
        assertThat(THROTTLE.waitBeforeNext(List.of(), NOW)).isEmpty();
    }

    @Test
    void aSecondCodeWaitsForTheInterval() {
        assertThat(THROTTLE.waitBeforeNext(List.of(NOW.minusSeconds(20)), NOW)).contains(Duration.ofSeconds(40));
        assertThat(THROTTLE.waitBeforeNext(List.of(NOW.minusSeconds(60)), NOW)).isEmpty();
    }

    @Test
    void afterTheHourlyMaximumTheNextWaitsUntilTheOldestIsAnHourOld() {
        List<Instant> three = List.of(NOW.minusSeconds(3000), NOW.minusSeconds(2000), NOW.minusSeconds(1000));

        assertThat(THROTTLE.waitBeforeNext(three, NOW)).contains(Duration.ofSeconds(600));
    }

    @Test
    void codesOlderThanAnHourDoNotCount() {
        assertThat(THROTTLE.waitBeforeNext(List.of(NOW.minusSeconds(4000), NOW.minusSeconds(3700),
                NOW.minusSeconds(3650)), NOW)).isEmpty();
    }
}
