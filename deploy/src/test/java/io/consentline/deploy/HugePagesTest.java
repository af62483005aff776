package io.consentline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HugePagesTest {

    @TempDir
    Path dataDir;

    @Test
    void countsOnlyTheMappingsInHugePages() {
        // a PostgreSQL server's smaps, shortened: its binary in 4 KB pages, its shared memory in 2 MB pages
        List<String> smaps = List.of(
                "55d0c6a00000-55d0c6e00000 r-xp 00000000 fd:01 1234   /tmp/embedded-pg/bin/postgres",
                "Size:               4096 kB",
                "KernelPageSize:        4 kB",
                "MMUPageSize:           4 kB",
                "7f3c00000000-7f3c43c00000 rw-s 00000000 00:10 5678   /anon_hugepage (deleted)",
                "Size:            1110016 kB",
                "KernelPageSize:     2048 kB",
                "MMUPageSize:        2048 kB",
                "Shared_Hugetlb:    51200 kB");

        assertThat(HugePages.mappedMb(smaps)).isEqualTo(1084);
    }

    @Test
    void noneWhenEverythingIsIn4KbPages() {
        List<String> smaps = List.of("00400000-00452000 r-xp 00000000 08:02 173521 /usr/bin/dbus-daemon",
                "Size:                328 kB", "KernelPageSize:        4 kB");

        assertThat(HugePages.mappedMb(smaps)).isZero();
    }

    @Test
    void cannotTellWithoutAServerToAsk() throws IOException {
        assertThat(HugePages.ofPostgres(dataDir)).isEqualTo(-1); // no postmaster.pid
        Files.writeString(dataDir.resolve("postmaster.pid"), "999999999\n" + dataDir + "\n");
        assertThat(HugePages.ofPostgres(dataDir)).isEqualTo(-1); // no such process
        assertThat(HugePages.describe(-1, 1024)).contains("cannot tell");
    }

    @Test
    void tellsHowManyPagesToReserveWhenPostgresHasNone() {
        assertThat(HugePages.pagesFor(1024)).isEqualTo(576);
        assertThat(HugePages.describe(0, 1024)).contains("4 KB pages").contains("vm.nr_hugepages=576");
        assertThat(HugePages.describe(1084, 1024)).isEqualTo("PostgreSQL's shared memory is on huge pages (1084 MB)");
    }
}
