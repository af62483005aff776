package io.consentline.consent.service;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

/**
 * An in-process microbenchmark of {@link SubmissionService#applyAll}: banner choices as the pipeline bench sends
 * them, in batches of 200 (the consumer's poll), one after the other. Prints wall time and this JVM's CPU per
 * submission (PostgreSQL's own CPU is not in it). Not a test: runs only with
 * {@code -Dtest=ApplyThroughputBench -Dconsentline.apply-bench=true}.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "consentline.apply-bench", matches = "true")
class ApplyThroughputBench {

    private static final int BATCH = 200;

    @Inject
    SubmissionService submissions;

    @Test
    void applyBannerChoicesInBatches() throws Throwable {
        run(5, "warm-up");
        run(Integer.getInteger("consentline.apply-bench.batches", 20), "measured");
    }

    private void run(int batches, String what) throws Throwable {
        List<List<CloudEvent<ConsentSubmission>>> work = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            List<CloudEvent<ConsentSubmission>> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(choice(i % 3 != 0));
            }
            work.add(batch);
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long started = System.nanoTime();
        for (List<CloudEvent<ConsentSubmission>> batch : work) {
            VertxContextSupport.subscribeAndAwait(() -> submissions.applyAll(batch));
        }
        long wallNanos = System.nanoTime() - started;
        long cpuNanos = os.getProcessCpuTime() - cpu;
        int n = batches * BATCH;
        System.out.printf("apply-bench %s: %d submissions in %d ms = %.0f/s; JVM CPU %.0f µs per submission%n", what,
                n, wallNanos / 1_000_000, n / (wallNanos / 1e9), cpuNanos / 1e3 / n);
    }

    private static CloudEvent<ConsentSubmission> choice(boolean accepts) {
        String visitor = "visitor-" + UUID.randomUUID();
        List<PurposeChoice> choices = accepts
                ? List.of(new PurposeChoice("analytics", ConsentStatus.GRANTED),
                        new PurposeChoice("marketing", ConsentStatus.DENIED))
                : List.of(new PurposeChoice("analytics", ConsentStatus.DENIED),
                        new PurposeChoice("marketing", ConsentStatus.DENIED));
        ConsentSubmission data = new ConsentSubmission(new Identifier(IdentifierType.VISITOR, visitor), Channel.WEB,
                ConsentSource.BANNER, choices, "2026-01", "en",
                Evidence.ofBanner("bench-site", "10.0.0.1", "consentline-bench"), Instant.now());
        return CloudEvent.of(UUID.randomUUID().toString(), "/preference-gateway", EventTypes.SUBMISSION, "bench",
                "visitor:" + visitor, data.submittedAt(), data);
    }
}
