package io.consentline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class CpuMeterTest {

    @Test
    void readsTheReapedChildrensCpuFromAStatLine() {
        // a postmaster's /proc/[pid]/stat: utime 27, stime 5, cutime 1234, cstime 566 (clock ticks of 10 ms)
        String stat = "853 (postgres) S 852 853 853 0 -1 4194560 6373 1090517 0 1 27 5 1234 566 20 0 1 0 7516 "
                + "1205481472 4429 18446744073709551615 1 1 0 0 0 0 16384 19935232 84487 0 0 0 17 1 0 0 0 0 0";

        assertThat(CpuMeter.reapedChildrenCpu(stat)).isEqualTo(Duration.ofMillis((1234 + 566) * 10));
    }

    @Test
    void aCommandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String stat = "42 (post gres) (x)) R 1 42 42 0 -1 0 0 0 0 0 3 4 7 8 20 0 1 0 100 0 0";

        assertThat(CpuMeter.reapedChildrenCpu(stat)).isEqualTo(Duration.ofMillis(150));
    }
}
