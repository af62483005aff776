package io.consentline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.consentline.deploy.LocalSystem;

/**
 * CPU time used so far by each part of the bench's system: each service, the Kafka broker, PostgreSQL (the
 * server and its backends) and the bench itself. On a shared machine whose speed swings 2× between runs, the
 * CPU a piece of work costs is steadier than its rate, and says which process bounds it. Counted per process: one
 * that exits between two snapshots takes its CPU with it (an autovacuum worker, say), so a part can be undercounted,
 * never negative; the services keep their database connections, so PostgreSQL's backends live on.
 */
final class CpuMeter {

    static final String KAFKA = "kafka", POSTGRES = "postgres", BENCH = "bench";

    private final Map<Long, String> services = new LinkedHashMap<>();
    private final Path dataDir;

    CpuMeter(LocalSystem system) {
        system.servicePids().forEach((module, pid) -> services.put(pid, module));
        this.dataDir = system.settings().dataDir().toAbsolutePath();
    }

    /** What one process had used when a snapshot was taken, and which part of the system it belongs to. */
    record Used(String part, Duration cpu) {
    }

    /** CPU used so far, by process id. */
    Map<Long, Used> snapshot() {
        Map<Long, Used> used = new LinkedHashMap<>();
        add(used, BENCH, ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(p -> {
            String part = services.get(p.pid());
            if (part == null) {
                part = commandLine(p).contains("kafka") ? KAFKA : null;
            }
            if (part != null) {
                add(used, part, p);
            }
        });
        postgres().forEach(p -> add(used, POSTGRES, p));
        return used;
    }

    /**
     * µs of CPU per unit of work between two snapshots, by part, and in all: each process's CPU since the first
     * snapshot (all of it for a process started since).
     */
    static Map<String, Double> perUnit(Map<Long, Used> before, Map<Long, Used> after, long units) {
        Map<String, Double> micros = new LinkedHashMap<>();
        for (Map.Entry<Long, Used> process : after.entrySet()) {
            Used then = before.get(process.getKey());
            long nanos = process.getValue().cpu().toNanos() - (then == null ? 0 : then.cpu().toNanos());
            micros.merge(process.getValue().part(), nanos / 1e3 / units, Double::sum);
        }
        micros.put("all", micros.values().stream().mapToDouble(Double::doubleValue).sum());
        micros.replaceAll((part, value) -> Math.round(value * 10) / 10.0);
        return micros;
    }

    /** The embedded PostgreSQL's server (started with this system's data folder) and all its processes. */
    private Stream<ProcessHandle> postgres() {
        Optional<ProcessHandle> server = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> commandLine(p).contains(dataDir.toString()))
                .findFirst();
        return server.stream().flatMap(s -> Stream.concat(Stream.of(s), s.descendants()));
    }

    private static void add(Map<Long, Used> used, String part, ProcessHandle process) {
        process.info().totalCpuDuration().ifPresent(cpu -> used.put(process.pid(), new Used(part, cpu)));
    }

    private static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse(String.join(" ", p.info().arguments().map(List::of).orElse(List.of())));
    }
}
