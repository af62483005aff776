package io.consentline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Huge pages (Linux) for the embedded PostgreSQL's shared memory. PostgreSQL maps its shared buffers in huge pages
 * when the kernel has enough reserved (its {@code huge_pages=try}); reserving them is a kernel setting for root
 * ({@code vm.nr_hugepages}), so the launcher only says whether PostgreSQL got them. On the VMs of
 * docs/benchmarks.md (ninth round) each process's first touch of each 4 KB page of shared memory is a costly page
 * fault, and huge pages made the audit log's append ~30% and its verify ~2× faster.
 */
public final class HugePages {

    private HugePages() {
    }

    /**
     * MB of the embedded PostgreSQL's memory mapped in huge pages: its server's mappings, read from
     * /proc/[pid]/smaps (the pid from the data directory's postmaster.pid). 0 when none; -1 when it cannot be told
     * (not Linux, the server not running, or its /proc entries not readable by this user).
     */
    public static long ofPostgres(Path dataDir) {
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            return mappedMb(Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * MB mapped in pages larger than 4 KB, from the lines of a /proc/[pid]/smaps: per mapping a header line, then
     * fields such as {@code Size:} and {@code KernelPageSize:} in kB.
     */
    static long mappedMb(List<String> smaps) {
        long hugeKb = 0;
        long size = 0;
        for (String line : smaps) {
            String[] parts = line.split(":\\s+", 2);
            if (parts.length == 2 && parts[0].equals("Size")) {
                size = kilobytes(parts[1]);
            } else if (parts.length == 2 && parts[0].equals("KernelPageSize") && kilobytes(parts[1]) > 4) {
                hugeKb += size;
            }
        }
        return hugeKb / 1024;
    }

    private static long kilobytes(String value) {
        return Long.parseLong(value.replace("kB", "").trim());
    }

    /** Prints how many 2 MB huge pages the embedded PostgreSQL needs on this machine (for bench/run.sh). */
    public static void main(String[] args) {
        System.out.println(pagesFor(PostgresServer.sharedBuffersMb()));
    }

    /** How many 2 MB huge pages a PostgreSQL with these shared buffers needs: them, plus its other shared memory. */
    static long pagesFor(long sharedBuffersMb) {
        return (sharedBuffersMb + 128) / 2;
    }

    /** One line for the launcher's output: what the embedded PostgreSQL's shared memory is on. */
    static String describe(long hugeMb, long sharedBuffersMb) {
        if (hugeMb < 0) {
            return "PostgreSQL's shared memory: cannot tell whether it is on huge pages (docs/configuration.md)";
        }
        return hugeMb > 0 ? "PostgreSQL's shared memory is on huge pages (" + hugeMb + " MB)"
                : "PostgreSQL's shared memory is on 4 KB pages; the audit log appends and verifies faster on huge "
                        + "pages: as root, sysctl vm.nr_hugepages=" + pagesFor(sharedBuffersMb)
                        + " before starting (docs/configuration.md)";
    }
}
