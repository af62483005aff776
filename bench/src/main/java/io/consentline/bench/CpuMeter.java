package io.consentline.bench;

import java.io.IOException;
import java.nio.file.Files;
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
 * CPU a piece of work costs is steadier than its rate, and says which process bounds it. Counted per process; a
 * PostgreSQL process that exits (an autovacuum worker, say) is counted through its server, which reaps it: Linux
 * adds a reaped child's CPU to its parent's {@code cutime}/{@code cstime}. (Until session 9 such a process took
 * its CPU with it.) The services, the broker and the bench have no children that do work.
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
        postgresServer().ifPresent(server -> {
            Stream.concat(Stream.of(server), server.descendants()).forEach(p -> add(used, POSTGRES, p));
            addReaped(used, server);
        });
        return used;
    }

    /** CPU used so far by the whole system, in ns (see {@link #snapshot()}). */
    long totalNanos() {
        return snapshot().values().stream().mapToLong(used -> used.cpu().toNanos()).sum();
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

    /** The embedded PostgreSQL's server (started with this system's data folder). */
    private Optional<ProcessHandle> postgresServer() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> commandLine(p).contains(dataDir.toString()))
                .findFirst();
    }

    /** The server's processes that have exited, as one entry under the negated server pid. */
    private static void addReaped(Map<Long, Used> used, ProcessHandle server) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(server.pid()), "stat"));
            used.put(-server.pid(), new Used(POSTGRES, reapedChildrenCpu(stat)));
        } catch (IOException | RuntimeException e) {
            // not Linux, or the server just exited: its children's CPU stays uncounted, as before
        }
    }

    /**
     * The CPU of a process's exited and reaped children, from its /proc/[pid]/stat line: fields 16 and 17
     * ({@code cutime}, {@code cstime}), in clock ticks of 1/100 s (Linux's USER_HZ). The command name (field 2,
     * in parentheses) may itself hold spaces and parentheses, so the fields are counted after its last ')'.
     */
    static Duration reapedChildrenCpu(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long ticks = Long.parseLong(fields[16 - 3]) + Long.parseLong(fields[17 - 3]);
        return Duration.ofMillis(ticks * 10);
    }

    private static void add(Map<Long, Used> used, String part, ProcessHandle process) {
        process.info().totalCpuDuration().ifPresent(cpu -> used.put(process.pid(), new Used(part, cpu)));
    }

    private static String commandLine(ProcessHandle p) {
        return p.info().commandLine().orElse(String.join(" ", p.info().arguments().map(List::of).orElse(List.of())));
    }
}
