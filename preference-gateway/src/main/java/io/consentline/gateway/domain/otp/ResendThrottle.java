package io.consentline.gateway.domain.otp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * How often one number may be sent a code on one site: not twice within {@code interval}, and at most
 * {@code maxPerHour} an hour. Protects people from being flooded with texts they did not ask for, and the
 * tenant from paying for them.
 */
public record ResendThrottle(Duration interval, int maxPerHour) {

    /**
     * @param recentStarts when the number was sent codes on the site during the last hour
     * @return empty when a code may be sent now; otherwise how long until one may
     */
    public Optional<Duration> waitBeforeNext(List<Instant> recentStarts, Instant now) {
        Instant hourAgo = now.minus(Duration.ofHours(1));
        List<Instant> lastHour = recentStarts.stream().filter(t -> t.isAfter(hourAgo)).sorted().toList();
        Duration wait = Duration.ZERO;
        if (!lastHour.isEmpty()) {
            Duration sinceLast = Duration.between(lastHour.get(lastHour.size() - 1), now);
            if (sinceLast.compareTo(interval) < 0) {
                wait = interval.minus(sinceLast);
            }
        }
        if (lastHour.size() >= maxPerHour) {
            Duration untilOldestLeaves = Duration.between(hourAgo, lastHour.get(lastHour.size() - maxPerHour));
            if (untilOldestLeaves.compareTo(wait) > 0) {
                wait = untilOldestLeaves;
            }
        }
        return wait.isZero() || wait.isNegative() ? Optional.empty() : Optional.of(wait);
    }
}
