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
 * JVM started the same way (same flags) that only sleeps. Start-up is measured twice: as the launcher started
 * the three services at once (they share the 2 cores), and for each service restarted alone while the others
 * idle, which is the start-up the target is about (a service restarted or scaled out on its own).
 */
final class FootprintScenario {

    private FootprintScenario() {
    }

    static ScenarioResult run(LocalSystem system) throws Exception {
        ScenarioResult.Builder result = ScenarioResult.named("footprint");
        Map<String, Duration> together = system.startupTimes();
        double worstRss = 0;
        for (Map.Entry<String, Long> service : system.servicePids().entrySet()) {
            double rss = rssMb(service.getValue());
            result.measured(service.getKey() + "_rss_mb", SingleCheckScenario.round(rss));
            result.measured(service.getKey() + "_startup_together_s", seconds(together.get(service.getKey())));
            worstRss = Math.max(worstRss, rss);
        }
        double worstAlone = 0;
        for (String module : system.servicePids().keySet()) {
            system.restartService(module);
            double alone = seconds(system.startupTimes().get(module));
            result.measured(module + "_startup_alone_s", alone);
            worstAlone = Math.max(worstAlone, alone);
        }
        double[] bare = bareJvm();
        return result.baseline("process", "java -Xms32m -Xmx256m -XX:+UseSerialGC, sleeping")
                .baseline("rss_mb", SingleCheckScenario.round(bare[0]))
                .baseline("startup_s", bare[1])
                .ratio("worst_rss_vs_bare_jvm", worstRss / bare[0])
                .ratio("worst_startup_alone_vs_bare_jvm", worstAlone / bare[1])
                .target("each service < 300 MB RSS idle, < 3 s start")
                .notes("RSS idle after the launcher started all three; start-up 'together' as the launcher starts all "
                        + "three at once on 2 cores, 'alone' each restarted on its own while the others idle "
                        + "(process start to /q/health/ready, polled every 50 ms)")
                .build();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
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
                "-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
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
