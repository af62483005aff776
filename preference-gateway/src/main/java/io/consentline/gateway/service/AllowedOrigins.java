package io.consentline.gateway.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * Whether any site allows browser pages of an origin: what a CORS preflight (which names no site) and an
 * error answered before the site is known can go by. Answers are cached for {@value #TTL_SECONDS} s, so a new
 * origin works within that time; the site-specific check on every accepted request is never cached.
 */
@ApplicationScoped
public class AllowedOrigins {

    static final int TTL_SECONDS = 30;
    private static final int MAX_ENTRIES = 10_000;

    private record Answer(boolean allowed, Instant until) {
    }

    private final SiteReader sites;
    private final ConcurrentHashMap<String, Answer> cache = new ConcurrentHashMap<>();

    AllowedOrigins(SiteReader sites) {
        this.sites = sites;
    }

    public Uni<Boolean> anySiteAllows(String origin) {
        if (origin == null || origin.length() > 2048) {
            return Uni.createFrom().item(false);
        }
        String key = origin.toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        Answer cached = cache.get(key);
        if (cached != null && now.isBefore(cached.until())) {
            return Uni.createFrom().item(cached.allowed());
        }
        return sites.anySiteAllows(key)
                .onFailure().recoverWithItem(false)
                .invoke(allowed -> {
                    if (cache.size() >= MAX_ENTRIES) {
                        cache.clear();
                    }
                    cache.put(key, new Answer(allowed, now.plus(Duration.ofSeconds(TTL_SECONDS))));
                });
    }
}
