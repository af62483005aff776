package io.consentline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HugePagesTest {

    @Test
    void countsTheReservedPagesAPostgresMappedButHasNotTouchedYet() {
        // as seen with PostgreSQL's 1 GB of shared buffers mapped: 25 pages touched, 512 reserved
        List<String> meminfo = List.of("MemTotal:       24549720 kB", "AnonHugePages:         0 kB",
                "HugePages_Total:     600", "HugePages_Free:      575", "HugePages_Rsvd:      512",
                "HugePages_Surp:        0", "Hugepagesize:       2048 kB");

        assertThat(HugePages.inUseMb(meminfo)).isEqualTo(537 * 2);
    }

    @Test
    void reservedButUnusedPagesAreNotInUse() {
        List<String> meminfo = List.of("HugePages_Total:     700", "HugePages_Free:      700",
                "HugePages_Rsvd:        0", "Hugepagesize:       2048 kB");

        assertThat(HugePages.inUseMb(meminfo)).isZero();
    }

    @Test
    void noHugePagesLinesMeansNone() {
        assertThat(HugePages.inUseMb(List.of("MemTotal:       24549720 kB", "garbage line"))).isZero();
    }

    @Test
    void tellsHowManyPagesToReserveWhenPostgresHasNone() {
        assertThat(HugePages.pagesFor(1024)).isEqualTo(576);
        assertThat(HugePages.describe(0, 1024)).contains("4 KB pages").contains("vm.nr_hugepages=576");
        assertThat(HugePages.describe(1084, 1024)).isEqualTo("PostgreSQL's shared memory is on huge pages (1084 MB)");
    }
}
