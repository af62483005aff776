package io.consentline.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.consentline.deploy.LocalSystem;

/**
 * Scenario 7: each service's start-up time (process start → ready) and idle resident memory, against a bare
 * JVM started the same way (same flags) that only sleeps.
 */
final class FootprintScenario {

    private FootprintScenario() {
    }

    static ScenarioResult run(LocalSystem system) throws Exception {
        ScenarioResult.Builder result = ScenarioResult.named("footprint");
        Map<String, Duration> startup = system.startupTimes();
        double worstRss = 0;
        double worstStart = 0;
        for (Map.Entry<String, Long> service : system.servicePids().entrySet()) {
            double rss = rssMb(service.getValue());
            double start = startup.get(service.getKey()).toMillis() / 1000.0;
            result.measured(service.getKey() + "_rss_mb", SingleCheckScenario.round(rss));
            result.measured(service.getKey() + "_startup_s", start);
            worstRss = Math.max(worstRss, rss);
            worstStart = Math.max(worstStart, start);
        }
        double[] bare = bareJvm();
        return result.baseline("process", "java -Xmx256m -XX:+UseSerialGC, sleeping")
                .baseline("rss_mb", SingleCheckScenario.round(bare[0]))
                .baseline("startup_s", bare[1])
                .ratio("worst_rss_vs_bare_jvm", worstRss / bare[0])
                .target("each service < 300 MB RSS idle, < 3 s start")
                .notes("start-up measured by the launcher while all three services start at once on 2 cores")
                .build();
    }

    private static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double[] bareJvm() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                Idle.class.getName()));
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            process.getInputStream().read();
            double startup = (System.nanoTime() - started) / 1e9;
            Thread.sleep(1000);
            return new double[] { rssMb(process.pid()), Math.round(startup * 1000) / 1000.0 };
        } finally {
            process.destroyForcibly();
        }
    }

    /** The bare JVM: says it is up, then sleeps. */
    public static final class Idle {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("up");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }
}
