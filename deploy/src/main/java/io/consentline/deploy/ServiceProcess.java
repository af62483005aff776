package io.consentline.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One of the three services, run from its packaged Quarkus application as its own process. */
final class ServiceProcess {

    private final ServiceSpec spec;
    private final Map<String, String> env;
    private final Path log;
    private final Path archiveDirectory;
    private StartupArchive startupArchive;
    private ChildProcess process;
    private java.time.Instant startedAt;
    private java.time.Duration startupTime;

    /**
     * @param archiveDirectory where the service's own class-data-sharing archives are kept ({@link StartupArchive});
     *        null to start without one
     */
    ServiceProcess(ServiceSpec spec, Map<String, String> env, Path log, Path archiveDirectory) {
        this.spec = spec;
        this.env = env;
        this.log = log;
        this.archiveDirectory = archiveDirectory;
    }

    /**
     * What the launcher needs to know of a service.
     *
     * @param heap the service's heap options
     */
    record ServiceSpec(String module, String database, int port, List<String> heap) {

        /**
         * -Xms32m: the JVM's default first heap is 1/64 of the machine's memory (384 MB here, capped at -Xmx), and
         * the serial collector touches the young generation it was given: ~60 MB of idle RSS per service for
         * nothing (docs/benchmarks.md, footprint); the heap grows when it is needed.
         */
        static final List<String> SMALL_HEAP = List.of("-Xms32m", "-Xmx256m");

        /**
         * audit-sink's: a 256 MB young generation from the start, with survivor spaces (~51 MB each) that hold what
         * is in flight at a collection, filled up to 90% before objects are promoted. What is in flight is large:
         * three batches being appended, the polls waiting in SmallRye's queue and the fetched records behind them.
         * Sixth round: with a small heap all that filled the old generation, ~40 full collections per 250,000 events;
         * a 160 MB young generation brought that to one. By the fourteenth round (larger fetches, more per event)
         * its 16 MB survivor spaces overflowed again: ~15 MB promoted at each young collection, and a full collection
         * (110–160 ms, every thread of the sink stopped, a chain's head possibly locked) every ~2 s of an append.
         * With this, one in the first append after start-up and none after (docs/benchmarks.md, fourteenth round).
         * Idle RSS measured 294 MB (the footprint target is 300).
         */
        static final List<String> APPEND_HEAP = List.of("-Xms384m", "-Xmx512m", "-Xmn256m", "-XX:SurvivorRatio=3",
                "-XX:TargetSurvivorRatio=90");

        Path jar(Path root) {
            return root.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
        }

        String url() {
            return "http://localhost:" + port;
        }
    }

    static boolean isBuilt(Path root, ServiceSpec spec) {
        return Files.exists(spec.jar(root));
    }

    void start(Path root) {
        if (!isBuilt(root, spec)) {
            throw new IllegalStateException(spec.module() + " is not built: " + spec.jar(root) + " is missing");
        }
        startedAt = java.time.Instant.now();
        List<String> jvm = new java.util.ArrayList<>(spec.heap());
        jvm.add("-XX:+UseSerialGC");
        // the class-data-sharing archive Quarkus made at package time (quarkus.package.jar.appcds.enabled):
        // classes come mapped from it instead of being loaded and verified one by one; ignored if it does not fit.
        // It records the class path as Quarkus ran it to make the archive (relative, from quarkus-app/), and the
        // JVM uses it only when the class path matches: so the service runs from that folder, with -jar
        // quarkus-run.jar. (Started from elsewhere, the archive was silently rejected.)
        Path appDirectory = spec.jar(root).getParent();
        // Better still, the service's own archive of what it loads when it runs (StartupArchive), recorded by the
        // first start of a build; it takes the place of Quarkus's.
        startupArchive = StartupArchive.of(archiveDirectory, spec.module(), appDirectory);
        jvm.addAll(startupArchive.jvmOptions());
        // extra JVM options for profiling, e.g. -XX:StartFlightRecording=filename=/tmp/{module}.jfr
        String extra = System.getProperty("consentline.service.jvm-options", "").replace("{module}", spec.module());
        if (!extra.isBlank()) {
            jvm.addAll(List.of(extra.trim().split("\\s+")));
        }
        jvm.addAll(List.of("-jar", spec.jar(root).getFileName().toString()));
        process = ChildProcess.startJava(spec.module(), jvm, env, log, appDirectory);
    }

    void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(spec.url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(spec.module() + " exited during start-up:\n" + process.tail());
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startupTime = java.time.Duration.between(startedAt, java.time.Instant.now());
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause();
        }
        throw new IllegalStateException(spec.module() + " was not ready within " + timeout + ":\n" + process.tail());
    }

    void stop() {
        if (process != null) {
            startupArchive.processEnded(process.stop(Duration.ofSeconds(20)));
        }
    }

    void kill() {
        if (process != null) {
            process.kill();
            startupArchive.processEnded(false);
        }
    }

    /** From process start until the service first reported ready. */
    java.time.Duration startupTime() {
        return startupTime;
    }

    long pid() {
        return process.pid();
    }

    ServiceSpec spec() {
        return spec;
    }

    Path log() {
        return log;
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
