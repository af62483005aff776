package io.consentline.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.consentline.deploy.HugePages;
import io.consentline.deploy.LauncherSettings;
import io.consentline.deploy.LocalSystem;
import io.consentline.deploy.Main;

/**
 * The benchmark: starts the system the way the local run does (the launcher, free ports, a fresh data folder),
 * runs each scenario against its baseline measured in the same run, writes {@code bench/results/latest.json}
 * and appends a Markdown table to {@code docs/benchmarks.md}.
 *
 * <pre>bench/run.sh [--quick | --full]</pre>
 */
public final class Bench {

    static final String TENANT = "bench";

    /** What PostgreSQL's shared memory was mapped with in this run (see bench/run.sh), for the results. */
    private static String postgresPages = "not measured";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        Mode mode = Mode.of(args);
        Path root = Path.of(System.getProperty("consentline.root", ".")).toAbsolutePath().normalize();
        List<ScenarioResult> results = run(root, mode, System.out);
        if (mode != Mode.SMOKE && System.getProperty("consentline.bench.only", "").isEmpty()) {
            write(root, mode, results);
        }
        System.exit(0);
    }

    /**
     * In a full run the footprint scenario comes first and restarts every service, so every later scenario measures
     * services that run from the class-data archive their first start recorded (as every start of the local run
     * after its first). A run of one other scenario restarts them too, so that it measures the same services: a
     * first start records its archive (-XX:ArchiveClassesAtExit) and, measured so, appended 15,057-17,742 events/s
     * where services started from an archive did 17,315-20,021 (docs/benchmarks.md, thirteenth round).
     */
    private static void restartAsAFullRunLeavesThem(LocalSystem system, PrintStream out) {
        for (String module : system.servicePids().keySet()) {
            out.println("Restarting " + module + " from the archive its first start recorded, as a full run does");
            system.restartService(module);
        }
    }

    /** Runs every scenario; answers their results. */
    static List<ScenarioResult> run(Path root, Mode mode, PrintStream out) throws Exception {
        Path data = Files.createTempDirectory("consentline-bench");
        // the bench plays the load balancer in front of the gateway: it forwards each visitor's own address
        String jvmOptions = System.getProperty("consentline.service.jvm-options", "");
        System.setProperty("consentline.service.jvm-options", (jvmOptions + " " + PipelineScenario.gatewayJvmOptions())
                .trim());
        List<ScenarioResult> results = new ArrayList<>();
        Map<String, String> env = new HashMap<>(System.getenv());
        if (!mode.startupArchives) {
            env.putIfAbsent("CONSENTLINE_STARTUP_ARCHIVE", "off");
        }
        try (LocalSystem system = LocalSystem.start(LauncherSettings.withFreePorts(root, data, env), out)) {
            long hugeMb = HugePages.ofPostgres(system.settings().dataDir().resolve("postgres"));
            postgresPages = hugeMb > 0 ? "PostgreSQL's shared memory on huge pages (" + hugeMb + " MB)"
                    : hugeMb == 0 ? "no huge pages: PostgreSQL's shared memory on 4 KB pages"
                            : "PostgreSQL's page size not known";
            out.println("Running the " + mode.name().toLowerCase() + " benchmark (" + postgresPages + ")");
            String only = System.getProperty("consentline.bench.only", "");
            if (mode.startupArchives && !only.isEmpty() && !only.equals("footprint")) {
                restartAsAFullRunLeavesThem(system, out);
            }
            if (only.isEmpty() || only.equals("footprint")) {
                results.add(report(out, FootprintScenario.run(system)));
            }
            if (only.isEmpty() || only.equals("single-check")) {
                results.add(report(out, SingleCheckScenario.run(system, mode)));
            }
            if (only.isEmpty() || only.equals("bulk-scrub")) {
                results.add(report(out, BulkScrubScenario.run(system, mode)));
            }
            if (only.isEmpty() || only.equals("pipeline")) {
                results.add(report(out, PipelineScenario.run(system, mode)));
            }
            if (only.isEmpty() || only.equals("opt-out-propagation")) {
                results.add(report(out, OptOutScenario.run(system, mode)));
            }
            if (only.isEmpty() || only.equals("audit-log")) {
                results.add(report(out, AuditLogScenario.run(system, mode)));
            }
            if (only.isEmpty() || only.equals("suppression-import")) {
                results.add(report(out, SuppressionImportScenario.run(system, mode)));
            }
        } finally {
            // a full run leaves over a gigabyte (database, broker log, class-data archives); keep it on request
            if (!Boolean.getBoolean("consentline.bench.keep-data")) {
                Main.deleteRecursively(data);
            }
        }
        return results;
    }

    private static ScenarioResult report(PrintStream out, ScenarioResult result) {
        out.println(result.name() + ": " + result.measured() + " | baseline " + result.baseline() + " | ratios "
                + result.ratios());
        return result;
    }

    private static void write(Path root, Mode mode, List<ScenarioResult> results) throws IOException {
        String commit = commit(root);
        Instant now = Instant.now();
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("date", now.toString());
        document.put("commit", commit);
        document.put("mode", mode.name().toLowerCase());
        document.put("machine", Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB max heap of the bench JVM, " + postgresPages);
        document.put("scenarios", results);
        Path json = root.resolve("bench/results/latest.json");
        Files.createDirectories(json.getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), document);

        StringBuilder md = new StringBuilder("\n## ").append(DateTimeFormatter.ISO_LOCAL_DATE_TIME
                .format(now.atOffset(ZoneOffset.UTC)).substring(0, 16)).append(" UTC — ").append(mode.name()
                .toLowerCase()).append(" run, commit ").append(commit).append("\n\n")
                .append("| scenario | measured | baseline (same run) | ratio | target |\n|---|---|---|---|---|\n");
        for (ScenarioResult r : results) {
            md.append("| ").append(r.name()).append(" | ").append(cells(r.measured())).append(" | ")
                    .append(cells(r.baseline())).append(" | ").append(cells(new LinkedHashMap<>(r.ratios())))
                    .append(" | ").append(r.target()).append(" |\n");
        }
        Path docs = root.resolve("docs/benchmarks.md");
        Files.writeString(docs, md.toString(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.println("Wrote " + json + " and appended to " + docs);
    }

    private static String cells(Map<String, ?> values) {
        StringBuilder cell = new StringBuilder();
        values.forEach((k, v) -> cell.append(cell.length() == 0 ? "" : "<br>").append(k).append(": ").append(v));
        return cell.toString();
    }

    private static String commit(Path root) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").directory(root.toFile()).start();
            String sha = new String(git.getInputStream().readAllBytes()).trim();
            return sha.isEmpty() ? "unknown" : sha;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
