package io.consentline.gateway.domain.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link TokenBucket} per key (for example client address + site), in memory, per process. Memory is
 * bounded: buckets that have refilled are dropped, and when {@code maxKeys} is reached anyway the oldest half is
 * forgotten (a forgotten client starts again with a full bucket: generous, never wrong in the other direction).
 */
public final class RateLimiter {

    private final TokenBucket.Limit limit;
    private final int maxKeys;
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(TokenBucket.Limit limit, int maxKeys) {
        this.limit = limit;
        this.maxKeys = maxKeys;
    }

    /** Takes a token for the key: empty when allowed, otherwise how long to wait (the Retry-After). */
    public Optional<Duration> tryAcquire(String key, Instant now) {
        if (buckets.size() >= maxKeys) {
            evict(now);
        }
        Duration[] retryAfter = new Duration[1];
        buckets.compute(key, (k, bucket) -> {
            TokenBucket.Attempt attempt = (bucket == null ? TokenBucket.full(limit, now) : bucket).take(limit, now);
            retryAfter[0] = attempt.retryAfter();
            return attempt.bucket();
        });
        return retryAfter[0].isZero() ? Optional.empty() : Optional.of(retryAfter[0]);
    }

    int size() {
        return buckets.size();
    }

    private void evict(Instant now) {
        buckets.entrySet().removeIf(e -> e.getValue().isFullAt(limit, now));
        if (buckets.size() >= maxKeys) {
            Instant median = buckets.values().stream().map(TokenBucket::updatedAt).sorted()
                    .skip(buckets.size() / 2).findFirst().orElse(now);
            buckets.entrySet().removeIf(e -> e.getValue().updatedAt().isBefore(median));
        }
    }
}
