package io.consentline.consent.domain.window;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hours in which the callee may be called or texted, in the callee's local time (TCPA: 08:00–21:00 by
 * default). When a number may be in several zones, the window is their intersection: open only when it is
 * open everywhere the callee might be.
 *
 * @param opens first allowed local time (inclusive)
 * @param closes end of the window (exclusive)
 */
public record CallingWindow(LocalTime opens, LocalTime closes) {

    public static final CallingWindow DEFAULT = new CallingWindow(LocalTime.of(8, 0), LocalTime.of(21, 0));

    public CallingWindow {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("a calling window must open before it closes");
        }
    }

    public boolean isOpen(Instant at, List<ZoneId> zones) {
        if (zones.isEmpty()) {
            return false;
        }
        for (ZoneId zone : zones) {
            LocalTime local = at.atZone(zone).toLocalTime();
            if (local.isBefore(opens) || !local.isBefore(closes)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first instant at or after {@code at} when the window is open in every zone; empty when the zones'
     * windows never overlap (or no zone is known). The intersection opens when the last zone opens, so the
     * candidates are each zone's openings over the next week.
     */
    public Optional<Instant> nextOpening(Instant at, List<ZoneId> zones) {
        if (isOpen(at, zones)) {
            return Optional.of(at);
        }
        List<Instant> candidates = new ArrayList<>();
        for (ZoneId zone : zones) {
            LocalDate today = at.atZone(zone).toLocalDate();
            for (int day = 0; day <= 8; day++) {
                Instant opening = ZonedDateTime.of(today.plusDays(day), opens, zone).toInstant();
                if (opening.isAfter(at)) {
                    candidates.add(opening);
                }
            }
        }
        return candidates.stream().sorted().filter(c -> isOpen(c, zones)).findFirst();
    }
}
