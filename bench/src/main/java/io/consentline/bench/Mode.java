package io.consentline.bench;

import java.time.Duration;

/**
 * How long and how big: {@code smoke} proves every scenario runs (CI), {@code quick} is for development
 * (under 3 minutes), {@code full} produces the published table.
 */
enum Mode {
    SMOKE(Duration.ofSeconds(1), Duration.ofSeconds(2), 2_000, 10_000, false),
    QUICK(Duration.ofSeconds(3), Duration.ofSeconds(5), 100_000, 1_000_000, false),
    FULL(Duration.ofSeconds(10), Duration.ofSeconds(30), 1_000_000, 10_000_000, true);

    final Duration warmup;
    final Duration measure;
    final int bulkNumbers;
    final int importNumbers;
    /**
     * Whether the services record and use their own class-data-sharing archives, as the local run does. Off in
     * the short modes: recording costs the run ~30 s (slower first start, an archive written at each stop), which
     * the quick mode's 3 minutes cannot spare; its start-up figures are then those of Quarkus's archive.
     */
    final boolean startupArchives;

    Mode(Duration warmup, Duration measure, int bulkNumbers, int importNumbers, boolean startupArchives) {
        this.warmup = warmup;
        this.measure = measure;
        this.bulkNumbers = bulkNumbers;
        this.importNumbers = importNumbers;
        this.startupArchives = startupArchives;
    }

    static Mode of(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--")) {
                try {
                    return valueOf(arg.substring(2).toUpperCase(java.util.Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    // not a mode flag
                }
            }
        }
        return QUICK;
    }
}
