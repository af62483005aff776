package io.consentline.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Huge pages (Linux) for the embedded PostgreSQL's shared memory. PostgreSQL maps its shared buffers in huge pages
 * when the kernel has enough reserved (its {@code huge_pages=try}); reserving them is a kernel setting for root
 * ({@code vm.nr_hugepages}), so the launcher only says whether PostgreSQL got them. On the VMs of
 * docs/benchmarks.md (ninth round) each process's first touch of each 4 KB page of shared memory is a costly page
 * fault, and huge pages made the audit log's append ~30% and its verify ~2× faster.
 */
public final class HugePages {

    private static final Path MEMINFO = Path.of("/proc/meminfo");

    private HugePages() {
    }

    /** MB of huge pages in use or reserved on this machine now; 0 when none (or not Linux). */
    public static long inUseMb() {
        try {
            return inUseMb(Files.readAllLines(MEMINFO));
        } catch (IOException e) {
            return 0;
        }
    }

    /** The same, from the lines of a /proc/meminfo. */
    static long inUseMb(List<String> meminfo) {
        Map<String, Long> values = new HashMap<>();
        for (String line : meminfo) {
            String[] parts = line.split(":\\s+", 2);
            if (parts.length == 2 && parts[0].startsWith("Huge")) {
                try {
                    values.put(parts[0], Long.parseLong(parts[1].replace("kB", "").trim()));
                } catch (NumberFormatException e) {
                    // a line of another shape: not one of ours
                }
            }
        }
        // HugePages_Free counts the reserved-but-untouched pages too, so those are added back
        long pages = values.getOrDefault("HugePages_Total", 0L) - values.getOrDefault("HugePages_Free", 0L)
                + values.getOrDefault("HugePages_Rsvd", 0L);
        return pages * values.getOrDefault("Hugepagesize", 0L) / 1024;
    }

    /** How many 2 MB huge pages a PostgreSQL with these shared buffers needs: them, plus its other shared memory. */
    static long pagesFor(long sharedBuffersMb) {
        return (sharedBuffersMb + 128) / 2;
    }

    /** One line for the launcher's output: what the embedded PostgreSQL's shared memory is on. */
    static String describe(long inUseMb, long sharedBuffersMb) {
        return inUseMb > 0 ? "PostgreSQL's shared memory is on huge pages (" + inUseMb + " MB)"
                : "PostgreSQL's shared memory is on 4 KB pages; the audit log appends and verifies faster on huge "
                        + "pages: as root, sysctl vm.nr_hugepages=" + pagesFor(sharedBuffersMb)
                        + " before starting (docs/configuration.md)";
    }
}
