package io.consentline.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.consentline.bench.LoadGenerator.Request;
import io.consentline.deploy.LocalSystem;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * Scenario 3: the pipeline. Cookie choices posted to the gateway as fast as it accepts them (closed loop, many
 * visitors, each from its own address as a load balancer would forward it) for the measuring time; then the lag
 * from each accepted choice's send to its submission, and to the consent change it caused, being in the audit
 * log. Baseline: the raw Kafka producer rate (same broker, acks=all and idempotent as the gateway's producer but
 * without its transactions, records of the same size) in the same run.
 */
final class PipelineScenario {

    static final String TENANT = "bench-pipeline";
    private static final String SITE = "bench-site";
    private static final String SUBMISSION_TYPE = io.consentline.events.EventTypes.SUBMISSION;
    private static final Pattern RECEIPT = Pattern.compile("\"receiptId\"\\s*:\\s*\"([^\"]+)\"");

    private PipelineScenario() {
    }

    /** The load-balancer settings the gateway needs to see each visitor's own address (X-Forwarded-For). */
    static String gatewayJvmOptions() {
        return "-Dquarkus.http.proxy.proxy-address-forwarding=true -Dquarkus.http.proxy.allow-x-forwarded=true";
    }

    static ScenarioResult run(LocalSystem system, Mode mode) throws Exception {
        Duration measure = mode == Mode.FULL ? Duration.ofSeconds(60) : mode.measure;
        String gateway = system.settings().gatewayUrl();
        Api.send("POST", gateway + "/v1/admin/sites", system.token(TENANT, "admin"), "application/json", """
                {"id":"%s","name":"Bench shop","allowedOrigins":["https://bench.example"],
                 "categories":[{"id":"analytics","descriptions":{"en":"Usage statistics"}},
                               {"id":"marketing","descriptions":{"en":"Offers"}}],
                 "policyVersion":"2026-01","policyUrl":"https://bench.example/privacy"}""".formatted(SITE));

        Map<String, Instant> sentAt = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        String run = UUID.randomUUID().toString().substring(0, 8);
        LoadGenerator.Throughput accepted;
        try (LoadGenerator load = new LoadGenerator(port(gateway), 64)) {
            long warmUpAccepted = load.saturate(i -> choice("warm-" + run, i), 16, mode.warmup, answer -> {
            }).ok();
            accepted = load.saturate(i -> choice(run, i), 64, measure, answer -> {
                Matcher receipt = answer.status() == 202 ? RECEIPT.matcher(answer.body().toString()) : null;
                if (receipt != null && receipt.find()) {
                    sentAt.put(receipt.group(1), answer.sentAt());
                } else {
                    failures.incrementAndGet();
                }
            });
            awaitAudited(system, warmUpAccepted + sentAt.size(), Duration.ofMinutes(3));
            Lags lags = lags(system, sentAt);
            double producerRate = rawProducerRate(system, measure);
            return ScenarioResult.named("pipeline")
                    .measured("choices_per_s", Math.round(accepted.perSecond()))
                    .measured("accepted", sentAt.size())
                    .measured("errors", failures.get())
                    .measured("seconds", measure.toSeconds())
                    .measured("submission_audited_p50_ms", lags.submission.getValueAtPercentile(50))
                    .measured("submission_audited_p99_ms", lags.submission.getValueAtPercentile(99))
                    .measured("submission_audited_p999_ms", lags.submission.getValueAtPercentile(99.9))
                    .measured("change_audited_p50_ms", lags.change.getValueAtPercentile(50))
                    .measured("change_audited_p99_ms", lags.change.getValueAtPercentile(99))
                    .measured("change_audited_p999_ms", lags.change.getValueAtPercentile(99.9))
                    .measured("change_audited_max_ms", lags.change.getMaxValue())
                    .measured("not_audited", lags.missing)
                    .baseline("what", "raw Kafka producer, acks=all, idempotent, same record size, same broker")
                    .baseline("records_per_s", Math.round(producerRate))
                    .ratio("choices_vs_raw_producer", accepted.perSecond() / producerRate)
                    .target("≥ 5,000 choices/s sustained; p99 lag to the audit log < 1 s")
                    .notes("closed loop, 64 connections; lag = audit entry's recorded_at − the choice's send time; "
                            + "'change' = the consent change the choice caused, through consent-service")
                    .build();
        }
    }

    private static Request choice(String run, int i) {
        boolean accepts = i % 3 != 0;
        String body = """
                {"siteId":"%s","visitorId":"visitor-%s-%d","policyVersion":"2026-01","language":"en",
                 "granted":%s,"denied":%s}""".formatted(SITE, run, i,
                accepts ? "[\"analytics\"]" : "[]", accepts ? "[\"marketing\"]" : "[\"analytics\",\"marketing\"]");
        // one address per visitor, as the load balancer in front of the gateway forwards it
        String address = "10." + ((i >> 16) & 0xff) + "." + ((i >> 8) & 0xff) + "." + (i & 0xff);
        return new Request(HttpMethod.POST, "/v1/choices", null, "application/json", Buffer.buffer(body),
                Map.of("X-Forwarded-For", address, "Origin", "https://bench.example",
                        "User-Agent", "consentline-bench"));
    }

    private record Lags(Histogram submission, Histogram change, long missing) {
    }

    /** Waits until the audit log holds a consent change caused by every accepted choice (warm-up included). */
    private static void awaitAudited(LocalSystem system, long expected, Duration timeout) throws SQLException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection db = audit(system); PreparedStatement count = db.prepareStatement(
                "select count(distinct causation_id) from audit_entry where tenant = ? and event_type <> ?")) {
            count.setString(1, TENANT);
            count.setString(2, SUBMISSION_TYPE);
            while (System.nanoTime() < deadline) {
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    if (rows.getLong(1) >= expected) {
                        return;
                    }
                }
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            }
        }
    }

    private static Lags lags(LocalSystem system, Map<String, Instant> sentAt) throws SQLException {
        Histogram submission = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        Histogram change = new Histogram(TimeUnit.MINUTES.toMillis(10), 3);
        Map<String, Instant> submitted = new HashMap<>();
        Map<String, Instant> changed = new HashMap<>();
        try (Connection db = audit(system); PreparedStatement entries = db.prepareStatement(
                "select event_id, causation_id, event_type, recorded_at from audit_entry where tenant = ?")) {
            entries.setString(1, TENANT);
            entries.setFetchSize(10_000);
            try (ResultSet rows = entries.executeQuery()) {
                while (rows.next()) {
                    Instant recorded = rows.getTimestamp(4).toInstant();
                    if (rows.getString(3).equals(SUBMISSION_TYPE)) {
                        submitted.put(rows.getString(1), recorded);
                    } else if (rows.getString(2) != null) {
                        changed.merge(rows.getString(2), recorded, (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
        }
        long missing = 0;
        for (Map.Entry<String, Instant> choice : sentAt.entrySet()) {
            Instant s = submitted.get(choice.getKey());
            Instant c = changed.get(choice.getKey());
            if (s == null || c == null) {
                missing++;
                continue;
            }
            submission.recordValue(Math.max(0, Duration.between(choice.getValue(), s).toMillis()));
            change.recordValue(Math.max(0, Duration.between(choice.getValue(), c).toMillis()));
        }
        return new Lags(submission, change, missing);
    }

    /** A connection to the audit database as its owner. */
    static Connection audit(LocalSystem system) throws SQLException {
        String[] login = system.jdbcLogin("audit");
        Properties props = new Properties();
        props.setProperty("user", login[1]);
        props.setProperty("password", login[2]);
        return DriverManager.getConnection(login[0], props);
    }

    /** Records of a submission's size, sent as fast as the producer takes them, for the same time. */
    private static double rawProducerRate(LocalSystem system, Duration measure) throws Exception {
        String bootstrap = system.settings().kafkaBootstrap();
        String topic = "bench.raw-producer." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(java.util.List.of(new NewTopic(topic, java.util.Optional.empty(),
                    java.util.Optional.empty()))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] value = new byte[submissionSize()];
        java.util.Arrays.fill(value, (byte) 'x');
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            AtomicLong acknowledged = new AtomicLong();
            long started = System.nanoTime();
            long deadline = started + measure.toNanos();
            long i = 0;
            while (System.nanoTime() < deadline) {
                producer.send(new ProducerRecord<>(topic, "visitor:" + (i++), value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
            return acknowledged.get() / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** The size of a submission event as the gateway publishes it (CloudEvent JSON with evidence). */
    private static int submissionSize() {
        return ("{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/preference-gateway\","
                + "\"type\":\"consent.submission.v1\",\"tenant\":\"bench-pipeline\",\"subject\":\"visitor:visitor-abc-1\","
                + "\"time\":\"2026-11-23T12:00:00.000Z\",\"datacontenttype\":\"application/json\",\"data\":{"
                + "\"identifier\":{\"type\":\"VISITOR\",\"value\":\"visitor-abc-1\"},\"channel\":\"WEB\","
                + "\"source\":\"BANNER\",\"choices\":[{\"purpose\":\"analytics\",\"status\":\"GRANTED\"},"
                + "{\"purpose\":\"marketing\",\"status\":\"DENIED\"}],\"policyVersion\":\"2026-01\",\"language\":\"en\","
                + "\"evidence\":{\"siteId\":\"bench-site\",\"ipAddress\":\"10.0.0.1\",\"userAgent\":\"consentline-bench\","
                + "\"globalPrivacyControl\":false},\"submittedAt\":\"2026-11-23T12:00:00.000Z\"}}")
                .getBytes(StandardCharsets.UTF_8).length;
    }

    private static int port(String url) {
        return java.net.URI.create(url).getPort();
    }
}
