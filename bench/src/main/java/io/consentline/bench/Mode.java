package io.consentline.bench;

import java.time.Duration;

/**
 * How long and how big: {@code smoke} proves every scenario runs (CI), {@code quick} is for development
 * (under 3 minutes), {@code full} produces the published table.
 */
enum Mode {
    SMOKE(Duration.ofSeconds(1), Duration.ofSeconds(2), 2_000, 10_000),
    QUICK(Duration.ofSeconds(5), Duration.ofSeconds(10), 100_000, 1_000_000),
    FULL(Duration.ofSeconds(10), Duration.ofSeconds(30), 1_000_000, 10_000_000);

    final Duration warmup;
    final Duration measure;
    final int bulkNumbers;
    final int importNumbers;

    Mode(Duration warmup, Duration measure, int bulkNumbers, int importNumbers) {
        this.warmup = warmup;
        this.measure = measure;
        this.bulkNumbers = bulkNumbers;
        this.importNumbers = importNumbers;
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
