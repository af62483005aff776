package io.consentline.gateway.domain.ratelimit;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds up to {@code capacity} tokens, refilled continuously at {@code refillPerMinute}; each
 * request takes one. Immutable: {@link #take} answers the bucket after the attempt.
 *
 * @param tokens tokens left (fractions accumulate between refills)
 * @param updatedAt when {@code tokens} was last computed
 */
public record TokenBucket(double tokens, Instant updatedAt) {

    public static TokenBucket full(Limit limit, Instant now) {
        return new TokenBucket(limit.capacity(), now);
    }

    /** The bucket refilled up to {@code now}, then one token taken if there is one. */
    public Attempt take(Limit limit, Instant now) {
        TokenBucket refilled = refilled(limit, now);
        if (refilled.tokens >= 1) {
            return new Attempt(new TokenBucket(refilled.tokens - 1, now), Duration.ZERO);
        }
        double missing = 1 - refilled.tokens;
        long waitMillis = (long) Math.ceil(missing * 60_000 / limit.refillPerMinute());
        return new Attempt(refilled, Duration.ofMillis(Math.max(1, waitMillis)));
    }

    /** Whether the bucket is full again by {@code now}: a full bucket need not be kept. */
    public boolean isFullAt(Limit limit, Instant now) {
        return refilled(limit, now).tokens >= limit.capacity();
    }

    private TokenBucket refilled(Limit limit, Instant now) {
        long elapsedMillis = Math.max(0, Duration.between(updatedAt, now).toMillis());
        double refill = elapsedMillis * limit.refillPerMinute() / 60_000.0;
        return new TokenBucket(Math.min(limit.capacity(), tokens + refill), now);
    }

    /**
     * @param capacity the burst: requests allowed at once
     * @param refillPerMinute the sustained rate
     */
    public record Limit(int capacity, int refillPerMinute) {

        public Limit {
            if (capacity < 1 || refillPerMinute < 1) {
                throw new IllegalArgumentException("a limit needs a capacity and a refill rate of at least 1");
            }
        }
    }

    /**
     * @param bucket the bucket after the attempt
     * @param retryAfter zero when allowed; otherwise how long until a token is back
     */
    public record Attempt(TokenBucket bucket, Duration retryAfter) {

        public boolean allowed() {
            return retryAfter.isZero();
        }
    }
}
