package io.consentline.audit.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.consentline.audit.OwnerConnection;
import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.chain.EventEntries;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.audit.domain.chain.VerifyReport;
import io.consentline.audit.service.ChainAppender;
import io.consentline.audit.service.VerificationService;
import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Measures the audit log against the real embedded PostgreSQL, with baselines taken in the same run on the same
 * machine. Not part of the build (surefire excludes {@code *Benchmark}); run it with
 * {@code ./mvnw -B -f audit-sink/pom.xml verify -Dtest=AuditLogBenchmark -Dbench.events=200000}. It asserts
 * nothing about time: it prints the figures (and writes them to {@code target/benchmark.txt}) for
 * docs/benchmarks.md.
 */
@QuarkusTest
class AuditLogBenchmark {

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    @Inject
    ChainAppender appender;

    @Inject
    VerificationService verification;

    @Inject
    IdentifierHasher hasher;

    @Inject
    Pool pool;

    private final StringBuilder report = new StringBuilder();

    @Test
    void measure() throws Exception {
        int events = Integer.getInteger("bench.events", 200_000);
        int batch = Integer.getInteger("bench.batch", 1000);
        int tenants = Integer.getInteger("bench.tenants", 4);
        String run = UUID.randomUUID().toString().substring(0, 6);
        line("audit-sink benchmark, %s, %d cores, %d events, batches of %d, %d tenants", LocalDate.now(),
                Runtime.getRuntime().availableProcessors(), events, batch, tenants);

        List<PendingEntry> entries = entries(events, tenants, run);

        // warm-up: JIT and PostgreSQL caches, not counted
        for (int i = 0; i < 5; i++) {
            appender.append(warmUp(batch, run + "w" + i)).await().atMost(PATIENCE);
        }

        // 1. append: lock heads, dedupe, make/read subject keys, seal, hash, one multi-row insert, move heads
        List<AuditRecord> appended = new ArrayList<>(events);
        long start = System.nanoTime();
        for (int from = 0; from < events; from += batch) {
            appended.addAll(appender.append(entries.subList(from, Math.min(events, from + batch))).await()
                    .atMost(PATIENCE));
        }
        double appendRate = rate(events, start);
        line("append (chained, sealed, batched):      %,12.0f events/s", appendRate);

        // baseline: the same rows inserted the same way into a table without index, constraint or trigger
        try (Connection c = OwnerConnection.open(); Statement s = c.createStatement()) {
            s.execute("create table bench_raw_" + run + " (like audit_entry)");
            s.execute("alter table bench_raw_" + run + " drop column id");
            s.execute("grant insert on bench_raw_" + run + " to "
                    + ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class));
        }
        String raw = AuditLogRepository.appendTo("bench_raw_" + run);
        start = System.nanoTime();
        for (int from = 0; from < events; from += batch) {
            pool.preparedQuery(raw).execute(AuditLogRepository.columns(appended.subList(from,
                    Math.min(events, from + batch)))).await().atMost(PATIENCE);
        }
        double rawRate = rate(events, start);
        line("baseline: raw INSERT, unindexed table:  %,12.0f rows/s   (append = %.2f x raw)", rawRate,
                appendRate / rawRate);

        // in-process hashing: canonical encoding + SHA-256 link, and SHA-256 alone over the same bytes
        List<byte[]> canonical = appended.stream().map(AuditRecord::canonical).toList();
        start = System.nanoTime();
        byte[] head = ChainHash.genesis();
        for (AuditRecord r : appended) {
            head = ChainHash.link(head, r.canonical());
        }
        double encodeAndHash = rate(events, start);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        start = System.nanoTime();
        for (byte[] bytes : canonical) {
            sha256.update(head);
            head = sha256.digest(bytes);
        }
        double hashOnly = rate(events, start);
        long bytes = canonical.stream().mapToLong(b -> b.length).sum();
        line("baseline: canonical + SHA-256 in Java:  %,12.0f rows/s   (%d bytes/row)", encodeAndHash,
                bytes / events);
        line("baseline: SHA-256 alone in Java:        %,12.0f rows/s", hashOnly);
        byte[] key = io.consentline.audit.domain.crypto.Envelope.newKey();
        start = System.nanoTime();
        for (PendingEntry e : entries) {
            io.consentline.audit.domain.crypto.Envelope.seal(key,
                    e.personalJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), e.eventId());
        }
        line("baseline: AES-GCM sealing in Java:      %,12.0f rows/s", rate(events, start));

        // 2. verify: every link of the largest chain recomputed in PostgreSQL
        String tenant = "bench-" + run + "-0";
        verification.verify(tenant, 1, null).await().atMost(PATIENCE); // warm the buffers
        start = System.nanoTime();
        VerifyReport verified = verification.verify(tenant, 1, null).await().atMost(PATIENCE);
        double verifyRate = rate(verified.rowsChecked(), start);
        line("verify (in PostgreSQL, one chain):      %,12.0f rows/s   (%d rows, valid=%s)", verifyRate,
                verified.rowsChecked(), verified.valid());
        start = System.nanoTime();
        long scanned = pool.preparedQuery("select count(*) as n, sum(length(facts)) from audit_entry where tenant = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(tenant)).await().atMost(PATIENCE).iterator().next()
                .getLong("n");
        double scanRate = rate(scanned, start);
        line("baseline: scan of the same rows:        %,12.0f rows/s   (verify = %.2f x scan)", scanRate,
                verifyRate / scanRate);

        try (Connection c = OwnerConnection.open(); Statement s = c.createStatement()) {
            s.execute("drop table bench_raw_" + run);
        } catch (SQLException e) {
            line("(could not drop bench_raw_%s: %s)", run, e.getMessage());
        }
        write();
    }

    private List<PendingEntry> entries(int events, int tenants, String run) {
        List<PendingEntry> entries = new ArrayList<>(events);
        Instant at = Instant.parse("2026-11-23T10:00:00Z");
        for (int i = 0; i < events; i++) {
            String tenant = "bench-" + run + "-" + (i % tenants);
            String subject = "subject-" + (i % 50_000);
            entries.add(entry(tenant, subject, "+44791112" + String.format("%04d", i % 10_000), at.plusMillis(i)));
        }
        return entries;
    }

    private List<PendingEntry> warmUp(int batch, String tenantSuffix) {
        List<PendingEntry> entries = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            entries.add(entry("warm-" + tenantSuffix, "s-" + i, "+4479111" + i, Instant.now()));
        }
        return entries;
    }

    private PendingEntry entry(String tenant, String subject, String phone, Instant at) {
        ConsentChanged data = new ConsentChanged(subject, new Identifier(IdentifierType.PHONE, phone), "sales_calls",
                Channel.VOICE, ConsentStatus.GRANTED, ConsentStatus.DENIED, ConsentSource.AGENT, "2026-01",
                "sha256:policy", new Evidence("203.0.113.7", "Mozilla/5.0", null, null, "agent-7", "rec-1", null, null, null),
                at, UUID.randomUUID().toString());
        CloudEvent<ConsentChanged> event = CloudEvent.of(UUID.randomUUID().toString(), "/consent-service",
                EventTypes.CHANGED, tenant, subject, at, data);
        String json = new JsonObject(EventCodec.encode(event)).getJsonObject("data").encode();
        return EventEntries.change(event, json, hasher.hash(tenant, data.identifier()),
                new LogPosition("consent.changes.v1", 0, 0));
    }

    private static double rate(long count, long startNanos) {
        return count / ((System.nanoTime() - startNanos) / 1e9);
    }

    private void line(String format, Object... args) {
        String text = String.format(format, args);
        System.out.println("[bench] " + text);
        report.append(text).append('\n');
    }

    private void write() throws IOException {
        Files.writeString(Path.of("target", "benchmark.txt"), report);
    }
}
