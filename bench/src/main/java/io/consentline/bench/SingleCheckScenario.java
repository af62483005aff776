package io.consentline.bench;

import io.consentline.bench.LoadGenerator.Latency;
import io.consentline.bench.LoadGenerator.Request;
import io.consentline.bench.LoadGenerator.Throughput;
import io.consentline.deploy.LocalSystem;

/**
 * Scenario 1: the dialer's single check against a bare endpoint of the same service (same HTTP server and REST
 * stack, no domain work, no I/O: the public key set). Saturation throughput of each (closed loop), then
 * latency of each at half the check's saturation rate (open loop).
 */
final class SingleCheckScenario {

    static final int CONCURRENCY = 32;

    private SingleCheckScenario() {
    }

    static ScenarioResult run(LocalSystem system, Mode mode) throws Exception {
        String consent = system.settings().consentUrl();
        String admin = system.token(Bench.TENANT, "admin");
        Api.send("PUT", consent + "/v1/admin/policy", admin, "application/json",
                "{\"defaultRegion\":\"GB\",\"purposes\":[\"sales_calls\",\"marketing\"]}");
        Api.send("POST", consent + "/v1/consents", system.token(Bench.TENANT, "agent"), "application/json", """
                {"identifiers":[{"type":"phone","value":"+447400999999"}],"purposes":["sales_calls"],
                 "channels":["voice"],"status":"GRANTED"}""");
        String dialer = system.token(Bench.TENANT, "dialer");
        Request check = Request.get("/v1/check?phone=%2B447400999999&purpose=sales_calls&channel=voice"
                + "&at=2026-11-23T12:00:00Z", dialer);
        Request bare = Request.get("/v1/keys", null);

        try (LoadGenerator load = new LoadGenerator(system.settings().consentPort(), CONCURRENCY)) {
            load.saturate(check, CONCURRENCY, mode.warmup);
            load.saturate(bare, CONCURRENCY, mode.warmup);
            Throughput checkMax = load.saturate(check, CONCURRENCY, mode.measure);
            Throughput bareMax = load.saturate(bare, CONCURRENCY, mode.measure);
            double halfLoad = Math.max(10, checkMax.perSecond() / 2);
            Latency checkLatency = load.fixedRate(check, halfLoad, mode.measure);
            Latency bareLatency = load.fixedRate(bare, halfLoad, mode.measure);
            double statementRate = CheckQueryBaseline.statementsPerSecond(system, Bench.TENANT, "sales_calls", "voice",
                    CONCURRENCY, mode.measure);
            return ScenarioResult.named("single-check")
                    .measured("throughput_rps", round(checkMax.perSecond()))
                    .measured("errors", checkMax.errors() + checkLatency.errors())
                    .measured("rate_rps_at_half_load", round(halfLoad))
                    .measured("p50_ms", checkLatency.p50())
                    .measured("p99_ms", checkLatency.p99())
                    .measured("p999_ms", checkLatency.p999())
                    .baseline("endpoint", "GET /v1/keys (same server, no domain work, no I/O)")
                    .baseline("throughput_rps", round(bareMax.perSecond()))
                    .baseline("p50_ms", bareLatency.p50())
                    .baseline("p99_ms", bareLatency.p99())
                    .baseline("p999_ms", bareLatency.p999())
                    .baseline("check_statement_alone_rps", round(statementRate))
                    .ratio("throughput_vs_bare", checkMax.perSecond() / bareMax.perSecond())
                    .ratio("throughput_vs_check_statement_alone", checkMax.perSecond() / statementRate)
                    .ratio("p99_vs_bare", checkLatency.p99() / Math.max(0.001, bareLatency.p99()))
                    .target("throughput >= 0.5 x bare; p99 < 5 ms at half load")
                    .notes(CONCURRENCY + " connections; a live grant, opt-in required, calling window, signed token; "
                            + "check_statement_alone: the check's one SQL statement run by the bench over JDBC, "
                            + CONCURRENCY + " in flight (what the database alone allows on the same cores)")
                    .build();
        }
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
