package io.consentline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The benchmark is not run in CI, but every scenario must start and produce numbers (smoke sizes). */
class BenchSmokeIT {

    @Test
    void everyScenarioRunsAndProducesNumbers() throws Exception {
        Path root = Path.of(System.getProperty("consentline.root", "..")).toAbsolutePath().normalize();

        List<ScenarioResult> results = Bench.run(root, Mode.SMOKE, System.out);

        assertThat(results).extracting(ScenarioResult::name)
                .containsExactly("footprint", "single-check", "bulk-scrub", "pipeline", "opt-out-propagation", "audit-log",
                        "suppression-import");
        for (ScenarioResult result : results) {
            assertThat(result.measured()).as(result.name()).isNotEmpty();
            assertThat(result.baseline()).as(result.name()).isNotEmpty();
            assertThat(result.ratios()).as(result.name()).isNotEmpty()
                    .allSatisfy((k, v) -> assertThat(v).as(result.name() + " " + k).isPositive().isFinite());
        }
        ScenarioResult optOut = named(results, "opt-out-propagation");
        assertThat(optOut.measured().get("not_denied_within_10s")).isEqualTo(0L);
        assertThat(optOut.measured().get("errors")).isEqualTo(0L);
        assertThat(optOut.measured()).containsKeys("p50_ms", "p99_ms", "p999_ms");
        ScenarioResult pipeline = named(results, "pipeline");
        assertThat(pipeline.measured().get("errors")).isEqualTo(0L);
        assertThat(pipeline.measured().get("not_audited")).isEqualTo(0L);
        assertThat((Integer) pipeline.measured().get("accepted")).isPositive();
        assertThat(pipeline.measured()).containsKeys("change_audited_p99_ms", "change_audited_p999_ms");
        assertThat(named(results, "footprint").measured()).containsKeys("preference-gateway_startup_alone_s",
                "consent-service_startup_alone_s", "audit-sink_startup_alone_s", "consent-service_rss_mb");
        // the CPU meter finds every process of the system (a smoke-sized append is too short for the clock-tick
        // CPU counters to see every part busy, so only that they are found and never negative)
        ScenarioResult audit = named(results, "audit-log");
        for (String measure : List.of("append_cpu_us_per_event", "verify_cpu_us_per_row")) {
            @SuppressWarnings("unchecked")
            Map<String, Double> cpu = (Map<String, Double>) audit.measured().get(measure);
            assertThat(cpu).as(measure).containsKeys("audit-sink", "consent-service", "preference-gateway", "kafka",
                    "postgres", "bench", "all").allSatisfy((part, micros) -> assertThat(micros).isNotNegative());
        }
        assertThat((Double) audit.measured().get("append_cores_busy")).isNotNegative();
        ScenarioResult bulk = named(results, "bulk-scrub");
        assertThat(bulk.measured().get("answered")).isEqualTo((long) Mode.SMOKE.bulkNumbers);
        assertThat(bulk.measured().get("errors")).isEqualTo(0L);
    }

    private static ScenarioResult named(List<ScenarioResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }
}
