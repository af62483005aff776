package io.consentline.gateway.service;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.gateway.config.GatewayConfig;
import io.consentline.gateway.domain.ratelimit.RateLimitedException;
import io.consentline.gateway.domain.ratelimit.RateLimiter;
import io.consentline.gateway.domain.ratelimit.TokenBucket;

/**
 * The public endpoints' rate limit: one token bucket per client address and site (or per client address and
 * endpoint where no site is named). Per process: with several replicas the limit is per replica.
 */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter limiter;
    private final Clock clock = Clock.systemUTC();

    RateLimits(GatewayConfig config) {
        GatewayConfig.RateLimit limit = config.rateLimit();
        this.limiter = new RateLimiter(new TokenBucket.Limit(limit.capacity(), limit.refillPerMinute()),
                limit.maxClients());
    }

    /** Takes a token, or throws {@link RateLimitedException} (429 with Retry-After). */
    public void acquire(String clientIp, String scope) {
        String key = (clientIp == null ? "-" : clientIp) + "|" + scope;
        limiter.tryAcquire(key, clock.instant()).ifPresent(wait -> {
            throw new RateLimitedException(wait);
        });
    }
}
