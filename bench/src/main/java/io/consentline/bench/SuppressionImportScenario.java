package io.consentline.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.consentline.deploy.LocalSystem;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;

/**
 * Scenario 6: replace a suppression list of N numbers (10M in full mode): wall time, and consent-service's peak
 * heap while it runs (sampled from /q/metrics). Baseline: hashing the same numbers in process (the CPU floor
 * of the work: every number is HMAC'ed once).
 */
final class SuppressionImportScenario {

    private static final Pattern HEAP = Pattern.compile("jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)");

    private SuppressionImportScenario() {
    }

    static ScenarioResult run(LocalSystem system, Mode mode) {
        int n = mode.importNumbers;
        String consent = system.settings().consentUrl();
        AtomicLong peakHeap = new AtomicLong();
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        HttpClient http = HttpClient.newHttpClient();
        sampler.scheduleAtFixedRate(() -> peakHeap.accumulateAndGet(heapUsed(http, consent), Math::max), 0, 250,
                TimeUnit.MILLISECONDS);
        long started = System.nanoTime();
        try {
            Api.stream("PUT", consent + "/v1/admin/suppression-lists/bench-big", system.token(Bench.TENANT, "admin"),
                    "text/plain", () -> Numbers.listLines(n));
        } finally {
            sampler.shutdownNow();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double hashRate = hashRate(system, Math.min(n, 1_000_000));
        return ScenarioResult.named("suppression-import")
                .measured("numbers", n)
                .measured("seconds", SingleCheckScenario.round(seconds))
                .measured("numbers_per_s", SingleCheckScenario.round(n / seconds))
                .measured("peak_heap_mb", SingleCheckScenario.round(peakHeap.get() / 1e6))
                .baseline("loop", "HMAC-SHA256 of the same numbers, in process")
                .baseline("numbers_per_s", SingleCheckScenario.round(hashRate))
                .ratio("vs_hashing", (n / seconds) / hashRate)
                .target("record time and peak heap (service heap capped at 256 MB)")
                .notes("upload streamed; COPY into a new partition, index built after loading, switched in atomically")
                .build();
    }

    private static long heapUsed(HttpClient http, String consent) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(consent + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = HEAP.matcher(metrics);
            double sum = 0;
            while (m.find()) {
                sum += Double.parseDouble(m.group(1));
            }
            return (long) sum;
        } catch (Exception e) {
            return 0;
        }
    }

    private static double hashRate(LocalSystem system, int n) {
        IdentifierHasher hasher = new IdentifierHasher(system.secrets().identityHmacKey());
        long started = System.nanoTime();
        int sink = 0;
        for (int i = 0; i < n; i++) {
            sink += hasher.hashBytes(Bench.TENANT, new Identifier(IdentifierType.PHONE, Numbers.listNumber(i)))[0];
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return sink == Integer.MIN_VALUE ? 0 : n / seconds;
    }
}
