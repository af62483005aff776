package io.consentline.gateway.domain.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final TokenBucket.Limit THREE_PER_MINUTE = new TokenBucket.Limit(3, 3);

    @Test
    void aBurstUpToTheCapacityIsAllowedThenTheNextWaitsForOneRefill() {
        RateLimiter limiter = new RateLimiter(THREE_PER_MINUTE, 100);

        assertThat(limiter.tryAcquire("a", T0)).isEmpty();
        assertThat(limiter.tryAcquire("a", T0)).isEmpty();
        assertThat(limiter.tryAcquire("a", T0)).isEmpty();
        assertThat(limiter.tryAcquire("a", T0)).contains(Duration.ofSeconds(20));
    }

    @Test
    void tokensComeBackAtTheRefillRate() {
        RateLimiter limiter = new RateLimiter(THREE_PER_MINUTE, 100);
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire("a", T0);
        }

        assertThat(limiter.tryAcquire("a", T0.plusSeconds(19))).isPresent();
        assertThat(limiter.tryAcquire("a", T0.plusSeconds(20))).isEmpty();
        assertThat(limiter.tryAcquire("a", T0.plusSeconds(20))).isPresent();
    }

    @Test
    void refusedAttemptsDoNotPushTheWaitFurther() {
        RateLimiter limiter = new RateLimiter(THREE_PER_MINUTE, 100);
        for (int i = 0; i < 10; i++) {
            limiter.tryAcquire("a", T0);
        }

        assertThat(limiter.tryAcquire("a", T0.plusSeconds(20))).isEmpty();
    }

    @Test
    void eachKeyHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(new TokenBucket.Limit(1, 1), 100);

        assertThat(limiter.tryAcquire("client-1|site-a", T0)).isEmpty();
        assertThat(limiter.tryAcquire("client-1|site-b", T0)).isEmpty();
        assertThat(limiter.tryAcquire("client-2|site-a", T0)).isEmpty();
        assertThat(limiter.tryAcquire("client-1|site-a", T0)).isPresent();
    }

    @Test
    void memoryStaysBoundedByForgettingRefilledAndThenOldestClients() {
        RateLimiter limiter = new RateLimiter(new TokenBucket.Limit(1, 60), 10);

        for (int i = 0; i < 1_000; i++) {
            limiter.tryAcquire("client-" + i, T0.plusMillis(i));
        }

        assertThat(limiter.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void theRetryAfterIsWholeSecondsRoundedUp() {
        assertThat(new RateLimitedException(Duration.ofMillis(1)).retryAfterSeconds()).isEqualTo(1);
        assertThat(new RateLimitedException(Duration.ofMillis(20_001)).retryAfterSeconds()).isEqualTo(21);
        assertThat(new RateLimitedException(Duration.ofMillis(1)).toProblem().status()).isEqualTo(429);
    }
}
