package io.consentline.audit.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class VerificationSlicesTest {

    private static List<String> slices(long from, long to, int cores, long minSlice) {
        return VerificationService.slices(from, to, cores, minSlice).stream().map(s -> s[0] + ".." + s[1]).toList();
    }

    @Test
    void aLongRangeIsSplitIntoOneAdjacentSlicePerCore() {
        assertThat(slices(1, 100_000, 2, 20_000)).containsExactly("1..50000", "50001..100000");
        assertThat(slices(5, 104, 4, 10)).containsExactly("5..29", "30..54", "55..79", "80..104");
    }

    @Test
    void aShortRangeStaysWhole() {
        assertThat(slices(1, 3, 8, 20_000)).containsExactly("1..3");
        assertThat(slices(7, 7, 2, 1)).containsExactly("7..7");
    }

    @Test
    void slicesCoverTheRangeWithoutGapOrOverlapWhenItDoesNotDivideEvenly() {
        assertThat(slices(1, 10, 3, 1)).containsExactly("1..4", "5..8", "9..10");
    }
}
