package io.consentline.gateway.domain.ratelimit;

import java.time.Duration;

import io.consentline.kit.problem.ProblemException;

/** 429: too many requests from this client for this site; the answer carries {@code Retry-After}. */
public class RateLimitedException extends ProblemException {

    private final long retryAfterSeconds;

    public RateLimitedException(Duration retryAfter) {
        super(429, "rate-limited", "Too many requests", "Too many requests from this client; try again later", null);
        this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    /** Whole seconds, rounded up: the Retry-After header's value. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
