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

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.consentline.audit.OwnerConnection;
import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.ChainHash;
import io.consentline.audit.domain.chain.EventEntries;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.audit.domain.chain.VerifyReport;
import io.consentline.audit.domain.ReceivedEvent;
import io.consentline.audit.service.ChainAppender;
import io.consentline.audit.service.RecordingService;
import io.consentline.audit.service.VerificationService;
import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.consentline.events.EventIds;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;
import io.quarkus.test.junit.QuarkusTest;
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
    RecordingService recording;

    @Inject
    VerifyRepository links;

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

        // the consumer's path without Kafka: parse each record, strip and hash the identifier, then append
        int recorded = events / 4;
        List<ReceivedEvent> received = new ArrayList<>(recorded);
        for (int i = 0; i < recorded; i++) {
            String json = EventCodec.encode(changeEvent("bench-" + run + "-r" + (i % tenants), "subject-" + (i % 50_000),
                    "+44791113" + String.format("%04d", i % 10_000), Instant.parse("2026-11-23T11:00:00Z").plusMillis(i)));
            received.add(new ReceivedEvent(new LogPosition("consent.changes.v1", 0, i), null, json));
        }
        start = System.nanoTime();
        for (int from = 0; from < recorded; from += batch) {
            recording.record(received.subList(from, Math.min(recorded, from + batch))).await().atMost(PATIENCE);
        }
        double recordRate = rate(recorded, start);
        line("record (parse + HMAC + append):         %,12.0f events/s (%d events; = %.2f x append)", recordRate,
                recorded, recordRate / appendRate);

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

        if (Boolean.getBoolean("bench.indexes")) {
            indexCosts(appended, batch, run);
        }

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
        line("baseline: canonical v2 + SHA-256, Java:  %,12.0f rows/s   (%d bytes/row)", encodeAndHash,
                bytes / events);
        line("baseline: SHA-256 alone in Java:        %,12.0f rows/s", hashOnly);
        byte[] key = io.consentline.audit.domain.crypto.Envelope.newKey();
        start = System.nanoTime();
        for (PendingEntry e : entries) {
            io.consentline.audit.domain.crypto.Envelope.seal(key,
                    e.personalJson().getBytes(java.nio.charset.StandardCharsets.UTF_8), e.eventId());
        }
        line("baseline: AES-GCM sealing in Java:      %,12.0f rows/s", rate(events, start));

        // 2. verify: every link of every chain, streamed out of PostgreSQL (binary COPY) and hashed in Java, in
        // slices across the cores; fast (blobs through their digests), then deep (blobs re-hashed in PostgreSQL)
        List<String> chains = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
            chains.add("bench-" + run + "-" + t);
        }
        verifyAll(chains, false); // warm the JIT and the buffers
        List<Double> fastRates = new ArrayList<>();
        long verifiedRows = 0;
        boolean allValid = true;
        for (int round = 0; round < 3; round++) {
            start = System.nanoTime();
            List<VerifyReport> reports = verifyAll(chains, false);
            verifiedRows = reports.stream().mapToLong(VerifyReport::rowsChecked).sum();
            fastRates.add(rate(verifiedRows, start));
            allValid &= reports.stream().allMatch(VerifyReport::valid);
        }
        fastRates.sort(null);
        double verifyRate = fastRates.get(1);
        line("verify (Java over binary COPY, fast):   %,12.0f rows/s   (median of 3; %d rows in %d chains, valid=%s; "
                + "best %,.0f)", verifyRate, verifiedRows, tenants, allValid, fastRates.get(2));
        start = System.nanoTime();
        List<VerifyReport> deepReports = verifyAll(chains, true);
        line("verify, deep (blobs re-hashed):         %,12.0f rows/s   (valid=%s)",
                rate(deepReports.stream().mapToLong(VerifyReport::rowsChecked).sum(), start),
                deepReports.stream().allMatch(VerifyReport::valid));
        // how the fast verify scales with parallel COPY streams: the service uses one slice per core
        for (int slices : new int[] { 1, 2, 4, 8 }) {
            start = System.nanoTime();
            long rows = 0;
            for (String chain : chains) {
                rows += sliced(chain, events / tenants, slices);
            }
            line("verify, %d slice(s) per chain (%d cores): %,12.0f rows/s", slices,
                    Runtime.getRuntime().availableProcessors(), rate(rows, start));
        }
        String tenant = chains.get(0);
        // baseline: the very COPY streams the fast verify reads, into nothing (what the database and the driver
        // cost without any hashing), one chain after the other on one connection
        start = System.nanoTime();
        long copied = 0;
        try (Connection c = OwnerConnection.open()) {
            for (String chain : chains) {
                c.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyOut(VerifyRepository.copyOf(
                        VerifyRepository.packedOf(chain, 1, events / tenants)), java.io.OutputStream.nullOutputStream());
                copied += events / tenants; // the COPY counts groups of rows
            }
        }
        line("baseline: the same binary COPY, unhashed, one connection: %,12.0f rows/s", rate(copied, start));
        start = System.nanoTime();
        long scanned = pool.preparedQuery("select count(*) as n, sum(length(facts)) from audit_entry where tenant = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(tenant)).await().atMost(PATIENCE).iterator().next()
                .getLong("n");
        double scanRate = rate(scanned, start);
        // (the scan reads one chain: its rate is compared with the fast verify's over all chains)
        line("baseline: scan in PostgreSQL, one chain: %,12.0f rows/s   (verify = %.2f x scan)", scanRate,
                verifyRate / scanRate);

        try (Connection c = OwnerConnection.open(); Statement s = c.createStatement()) {
            s.execute("drop table bench_raw_" + run);
        } catch (SQLException e) {
            line("(could not drop bench_raw_%s: %s)", run, e.getMessage());
        }
        write();
    }

    /** Insert rate of the same rows into a copy of the table with one index at a time: what each index costs. */
    private void indexCosts(List<AuditRecord> appended, int batch, String run) throws SQLException {
        String[][] variants = {
                { "none", null },
                { "id primary key", "alter table %s add column id bigint generated always as identity primary key" },
                { "unique event_id", "alter table %s add unique (event_id)" },
                { "unique (tenant, seq)", "alter table %s add unique (tenant, seq)" },
                { "(tenant, id)", "alter table %s add column id bigint generated always as identity; create index on %s (tenant, id)" },
                { "(tenant, identifier_hash, seq)", "create index on %s (tenant, identifier_hash, seq)" },
                { "(tenant, subject_id, seq) partial", "create index on %s (tenant, subject_id, seq) where subject_id is not null" },
                { "hash (identifier_hash)", "create index on %s using hash (identifier_hash)" },
                { "hash (subject_id) partial", "create index on %s using hash (subject_id) where subject_id is not null" },
                { "unique event_id collate C", "alter table %s alter column event_id type text collate \"C\"; alter table %s add unique (event_id)" },
                { "(tenant, identifier_hash, seq) C", "alter table %s alter column identifier_hash type text collate \"C\"; alter table %s alter column tenant type text collate \"C\"; create index on %s (tenant, identifier_hash, seq)" },
                { "V3 set (five)", "alter table %s add column id bigint generated always as identity primary key; alter table %s alter column event_id type text collate \"C\"; alter table %s add unique (event_id); alter table %s add unique (tenant, seq); create index on %s using hash (identifier_hash); create index on %s using hash (subject_id) where subject_id is not null" },
                { "V2 set (six)", "alter table %s add column id bigint generated always as identity primary key; alter table %s add unique (event_id); alter table %s add unique (tenant, seq); create index on %s (tenant, id); create index on %s (tenant, identifier_hash, id); create index on %s (tenant, subject_id, id) where subject_id is not null" } };
        String role = ConfigProvider.getConfig().getValue("quarkus.datasource.username", String.class);
        int n = appended.size();
        for (String[] v : variants) {
            String table = "bench_ix_" + run;
            try (Connection c = OwnerConnection.open(); Statement s = c.createStatement()) {
                s.execute("create table " + table + " (like audit_entry)");
                s.execute("alter table " + table + " drop column id");
                if (v[1] != null) {
                    for (String sql : v[1].split("; ")) {
                        s.execute(sql.replace("%s", table));
                    }
                }
                s.execute("grant insert on " + table + " to " + role);
            }
            String sql = AuditLogRepository.appendTo(table);
            long start = System.nanoTime();
            for (int from = 0; from < n; from += batch) {
                pool.preparedQuery(sql).execute(AuditLogRepository.columns(appended.subList(from,
                        Math.min(n, from + batch)))).await().atMost(PATIENCE);
            }
            line("index cost: %-34s %,12.0f rows/s", v[0], rate(n, start));
            try (Connection c = OwnerConnection.open(); Statement s = c.createStatement()) {
                s.execute("drop table " + table);
            }
        }
    }

    /** The fast check of seq 1..length of a chain in {@code slices} parallel COPY streams; answers the rows checked. */
    private long sliced(String chain, long length, int slices) throws Exception {
        long size = (length + slices - 1) / slices;
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(slices);
        try {
            List<java.util.concurrent.Future<VerifyRepository.Result>> parts = new ArrayList<>();
            for (long from = 1; from <= length; from += size) {
                long first = from, last = Math.min(length, from + size - 1);
                parts.add(threads.submit(() -> links.verify(chain, first, last, false)));
            }
            long checked = 0;
            for (java.util.concurrent.Future<VerifyRepository.Result> part : parts) {
                VerifyRepository.Result result = part.get();
                if (result.firstBroken() != null) {
                    throw new AssertionError("broken: " + result.firstBroken());
                }
                checked += result.checked();
            }
            return checked;
        } finally {
            threads.shutdown();
        }
    }

    private List<VerifyReport> verifyAll(List<String> chains, boolean deep) {
        List<VerifyReport> reports = new ArrayList<>();
        for (String chain : chains) {
            reports.add(verification.verify(chain, 1, null, deep).await().atMost(PATIENCE));
        }
        return reports;
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
        CloudEvent<ConsentChanged> event = changeEvent(tenant, subject, phone, at);
        ObjectNode data = (ObjectNode) EventCodec.parse(EventCodec.encode(event)).get("data");
        return EventEntries.change(event, data, hasher.hash(tenant, event.data().identifier()),
                new LogPosition("consent.changes.v1", 0, 0));
    }

    private static CloudEvent<ConsentChanged> changeEvent(String tenant, String subject, String phone, Instant at) {
        ConsentChanged data = new ConsentChanged(subject, new Identifier(IdentifierType.PHONE, phone), "sales_calls",
                Channel.VOICE, ConsentStatus.GRANTED, ConsentStatus.DENIED, ConsentSource.AGENT, "2026-01",
                "sha256:policy", new Evidence("203.0.113.7", "Mozilla/5.0", null, null, "agent-7", "rec-1", null, null, null),
                at, EventIds.next());
        return CloudEvent.of(EventIds.next(), "/consent-service", EventTypes.CHANGED, tenant, subject,
                at, data);
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
