package io.consentline.consent.domain.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class CallingWindowTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");
    private static final CallingWindow WINDOW = CallingWindow.DEFAULT;

    @Test
    void openFromEightInclusiveToNineExclusiveLocalTime() {
        // 2026-11-23: London is UTC+0
        assertThat(WINDOW.isOpen(Instant.parse("2026-11-23T08:00:00Z"), List.of(LONDON))).isTrue();
        assertThat(WINDOW.isOpen(Instant.parse("2026-11-23T20:59:59Z"), List.of(LONDON))).isTrue();
        assertThat(WINDOW.isOpen(Instant.parse("2026-11-23T21:00:00Z"), List.of(LONDON))).isFalse();
        assertThat(WINDOW.isOpen(Instant.parse("2026-11-23T07:59:59Z"), List.of(LONDON))).isFalse();
    }

    @Test
    void theCalleesLocalTimeCountsNotTheCallers() {
        Instant tenUtc = Instant.parse("2026-11-23T10:00:00Z"); // 05:00 in New York
        assertThat(WINDOW.isOpen(tenUtc, List.of(LONDON))).isTrue();
        assertThat(WINDOW.isOpen(tenUtc, List.of(NEW_YORK))).isFalse();
    }

    @Test
    void aNumberInSeveralZonesMayOnlyBeCalledWhenItIsAllowedInAll() {
        // 13:30 UTC = 08:30 New York, 05:30 Los Angeles
        Instant at = Instant.parse("2026-11-23T13:30:00Z");
        assertThat(WINDOW.isOpen(at, List.of(NEW_YORK))).isTrue();
        assertThat(WINDOW.isOpen(at, List.of(NEW_YORK, LOS_ANGELES))).isFalse();
        // opens at 08:00 Los Angeles = 16:00 UTC
        assertThat(WINDOW.nextOpening(at, List.of(NEW_YORK, LOS_ANGELES)))
                .contains(Instant.parse("2026-11-23T16:00:00Z"));
    }

    @Test
    void afterClosingTheNextOpeningIsTomorrowMorning() {
        assertThat(WINDOW.nextOpening(Instant.parse("2026-11-23T22:15:00Z"), List.of(LONDON)))
                .contains(Instant.parse("2026-11-24T08:00:00Z"));
    }

    @Test
    void theNextOpeningFollowsDaylightSavingTime() {
        // London moves to UTC+1 on 2026-03-29: 08:00 local is 07:00 UTC that day
        assertThat(WINDOW.nextOpening(Instant.parse("2026-03-28T22:00:00Z"), List.of(LONDON)))
                .contains(Instant.parse("2026-03-29T07:00:00Z"));
    }

    @Test
    void anUnknownZoneIsNeverOpen() {
        assertThat(WINDOW.isOpen(Instant.parse("2026-11-23T12:00:00Z"), List.of())).isFalse();
        assertThat(WINDOW.nextOpening(Instant.parse("2026-11-23T12:00:00Z"), List.of())).isEmpty();
    }

    @Test
    void zonesWhoseWindowsNeverOverlapHaveNoOpening() {
        CallingWindow narrow = new CallingWindow(java.time.LocalTime.of(9, 0), java.time.LocalTime.of(10, 0));
        assertThat(narrow.nextOpening(Instant.parse("2026-11-23T12:00:00Z"),
                List.of(LONDON, ZoneId.of("Asia/Tokyo")))).isEmpty();
    }
}
