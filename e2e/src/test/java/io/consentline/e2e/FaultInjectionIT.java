package io.consentline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.consentline.deploy.LocalSystem;
import io.consentline.e2e.Ledger.Accounting;
import io.consentline.e2e.Ledger.Row;
import io.consentline.e2e.Traffic.Attempt;
import io.consentline.e2e.Traffic.Kind;
import io.consentline.e2e.Traffic.Rates;
import io.consentline.e2e.Traffic.Run;
import io.consentline.e2e.Traffic.Write;
import io.consentline.events.Topics;

/**
 * The fault-injection suite (issue #7): a steady stream of banner choices, agent consent records, SMS STOPs and
 * dialer checks runs through the real, packaged system while its dependencies fail under it — the broker stops,
 * database sessions are cut and the database stops, services are SIGKILLed, events are delivered twice, poison
 * lands on every consumed topic. After each fault the accounting is printed and held to the promises:
 * <ul>
 * <li>every write acknowledged with a 2xx is in the consent state and in the audit log exactly once;</li>
 * <li>every failure was an answer a client can act on (503 problem+json), or no answer while the service itself
 * was dead; never a 500; writes a client may repeat (Idempotency-Key, MessageSid) are retried and then held to
 * the same exactly-once rule;</li>
 * <li>no check ever said ALLOW for a subject that never consented or refused; a check answered while PostgreSQL
 * was down was 503;</li>
 * <li>each tenant's audit chain verifies; poison is on {@code <topic>.dlq} with its reason.</li>
 * </ul>
 * Topic names are the unprefixed ones: the launcher runs without {@code consentline.topic-prefix}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    /** ~30 writes/s and 5 checks/s: thousands of requests over the suite, sustainable on 2 cores. */
    private static final Rates RATES = new Rates(10, 14, 2, 5);
    /** Longer than a consumer's retries used to last (20 × 0.5 s): a real outage, not a blip. */
    private static final Duration DATABASE_OUTAGE = Duration.ofSeconds(20);
    private static final String CONSENT_GROUP = "consent-service";
    private static final String AUDIT_GROUP = "audit-sink";

    private static LocalSystem system;
    private static Traffic traffic;
    private static Ledger ledger;
    private static KafkaOps kafka;
    /** Every run so far: the replay fault holds all of them to exactly-once again. */
    private static final List<Run> earlierRuns = new ArrayList<>();

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.get();
        traffic = new Traffic(system);
        ledger = new Ledger(system);
        kafka = new KafkaOps(system.settings().kafkaBootstrap());
    }

    @Test
    @Order(1)
    void theBrokerStopsAndRestartsUnderLoad() {
        Run run = traffic.start(traffic.tenant("kafka"), RATES);
        awaitAcknowledged(run, Instant.now(), Kind.CHOICE, 50);

        system.stopKafka();
        Instant down = Instant.now();
        // the gateway refuses choices it cannot hand to the broker, rather than accept and lose them
        await("the gateway to answer 503 while the broker is down").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).until(() -> run.failedSince(down, Kind.CHOICE) >= 10);
        system.startKafka();
        awaitAcknowledged(run, Instant.now(), Kind.CHOICE, 60);

        Accounting a = settle("Kafka broker stopped and restarted", run, List.of());
        assertExactlyOnce(a, Set.of("503"));
        // a choice answered 503 is not recorded later (the gateway's DeadlineSerializer refuses a send still waiting
        // when the caller was answered; 111 of 123 were before it). Allowed: a record the stopping broker appended
        // but whose acknowledgement it never sent.
        assertThat(a.rows().get(Kind.CHOICE).storedWithoutAck).as("choices answered 503 but recorded after all")
                .isLessThanOrEqualTo(2);
        assertNoCheckAllowed(run, Set.of());
        assertChainVerifies(run);
    }

    @Test
    @Order(2)
    void databaseSessionsAreCutAndTheDatabaseStopsUnderLoad() {
        Run run = traffic.start(traffic.tenant("database"), RATES);
        awaitAcknowledged(run, Instant.now(), Kind.CONSENT, 70);

        int cut = 0;
        for (String database : List.of("gateway", "consent", "audit")) {
            cut += system.terminateBackends(database);
        }
        assertThat(cut).as("sessions terminated").isPositive();
        awaitAcknowledged(run, Instant.now(), Kind.CONSENT, 70);
        awaitAcknowledged(run, Instant.now(), Kind.CHOICE, 40);

        // down for longer than the consumers' first retries take: they must wait, not dead-letter valid events
        system.stopPostgres();
        Instant down = Instant.now();
        await("checks answered while PostgreSQL is down").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> run.checksMatching(c -> c.attempt().sent().isAfter(down)) >= 8
                        && Duration.between(down, Instant.now()).compareTo(DATABASE_OUTAGE) >= 0);
        Instant up = Instant.now();
        system.startPostgres();
        awaitAcknowledged(run, Instant.now(), Kind.CONSENT, 70);

        List<Traffic.Check> whileDown = run.checks.stream()
                .filter(c -> c.attempt().sent().isAfter(down) && c.attempt().done().isBefore(up)).toList();
        Accounting a = settle("PostgreSQL sessions cut, then the server stopped and restarted", run,
                List.of("sessions terminated: " + cut, "checks sent and answered while PostgreSQL was down: "
                        + whileDown.size() + ", answered 503: "
                        + whileDown.stream().filter(c -> c.attempt().status() == 503).count()));
        assertExactlyOnce(a, Set.of("503"));
        assertNoCheckAllowed(run, Set.of());
        assertThat(whileDown).as("checks answered while PostgreSQL was down").isNotEmpty()
                .allSatisfy(c -> assertThat(c.attempt().status()).as("a check while the database is down")
                        .isEqualTo(503));
        assertThat(whileDown).allSatisfy(c -> assertThat(c.attempt().isProblem()).isTrue());
        assertChainVerifies(run);
    }

    @Test
    @Order(3)
    void eachServiceIsKilledMidStreamAndRestarted() {
        Run run = traffic.start(traffic.tenant("kill"), RATES);
        List<String> lines = new ArrayList<>();
        for (String service : List.of(LocalSystem.CONSENT, LocalSystem.AUDIT, LocalSystem.GATEWAY)) {
            awaitAcknowledged(run, Instant.now(), Kind.CONSENT, 40);
            long pid = system.servicePids().get(service);
            system.killService(service);
            Instant killed = Instant.now();
            system.restartService(service);
            lines.add(service + ": SIGKILL (pid " + pid + "), back and ready after "
                    + Duration.between(killed, Instant.now()).toMillis() + " ms");
        }
        awaitAcknowledged(run, Instant.now(), Kind.CHOICE, 40);

        Accounting a = settle("each service SIGKILLed mid-stream and restarted", run, lines);
        assertExactlyOnce(a, Set.of("503", "no answer"));
        assertNoCheckAllowed(run, Set.of("no answer"));
        assertChainVerifies(run);
    }

    @Test
    @Order(4)
    void everyEventDeliveredTwiceIsRecordedOnce() {
        Run run = traffic.start(traffic.tenant("replay"), RATES);
        awaitAcknowledged(run, Instant.now(), Kind.CONSENT, 70);
        awaitAcknowledged(run, Instant.now(), Kind.STOP, 10);

        // a client resends acknowledged requests with the same Idempotency-Key, Twilio retries its webhooks
        List<Run> all = new ArrayList<>(earlierRuns);
        all.add(run);
        int[] resent = resendAcknowledged(all);

        // the same submissions published again, byte for byte (a producer retry, a mirror, a replay tool)
        List<ProducerRecord<String, String>> copies = kafka.readAll(Topics.SUBMISSIONS).stream()
                .filter(r -> r.value() != null && r.value().contains("\"" + run.tenant.id + "\""))
                .map(r -> new ProducerRecord<>(r.topic(), null, r.key(), r.value(), r.headers())).toList();
        kafka.publish(copies);

        // both consumer groups rewound to the start of their topics: everything is delivered again
        system.stopService(LocalSystem.CONSENT);
        system.stopService(LocalSystem.AUDIT);
        await("the consumer groups to be empty").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> kafka.groupIsEmpty(CONSENT_GROUP) && kafka.groupIsEmpty(AUDIT_GROUP));
        long replayedSubmissions = kafka.lag(CONSENT_GROUP, Topics.SUBMISSIONS);
        kafka.rewind(CONSENT_GROUP, Topics.SUBMISSIONS);
        kafka.rewind(AUDIT_GROUP, Topics.SUBMISSIONS, Topics.CHANGES);
        long toReplay = kafka.lag(CONSENT_GROUP, Topics.SUBMISSIONS) + kafka.lag(AUDIT_GROUP, Topics.SUBMISSIONS,
                Topics.CHANGES);
        // started side by side: each takes most of its start-up waiting for the machine's two cores anyway
        CompletableFuture.allOf(CompletableFuture.runAsync(() -> system.restartService(LocalSystem.CONSENT)),
                CompletableFuture.runAsync(() -> system.restartService(LocalSystem.AUDIT))).join();
        awaitAcknowledged(run, Instant.now(), Kind.CONSENT, 50);

        Accounting a = settle("every event delivered twice", run, List.of(
                "Idempotency-Key resent: " + resent[0] + ", answered 200 (replay): " + resent[1],
                "Twilio webhook retried (same MessageSid): " + resent[2] + ", answered 200: " + resent[3],
                "submissions re-published raw: " + copies.size(),
                "records redelivered by rewinding both consumer groups: " + toReplay
                        + " (consent-service had " + replayedSubmissions + " pending when stopped)"));
        assertExactlyOnce(a, Set.of("503", "no answer"));
        assertNoCheckAllowed(run, Set.of("no answer"));
        assertThat(resent[1]).as("same Idempotency-Key answered as a replay").isEqualTo(resent[0]);
        assertThat(resent[3]).as("retried webhooks answered").isEqualTo(resent[2]);
        assertChainVerifies(run);
        // the replay went over every earlier fault's events too: still exactly once, chains still verify
        for (Run earlier : earlierRuns.subList(0, earlierRuns.size() - 1)) {
            Accounting again = ledger.account("after the replay: " + earlier.tenant.id, earlier);
            System.out.println(Ledger.table(again, List.of()));
            assertExactlyOnce(again, Set.of("503", "no answer"));
            assertChainVerifies(earlier);
        }
    }

    @Test
    @Order(5)
    void poisonOnEveryConsumedTopicIsDeadLetteredAndTheStreamGoesOn() {
        Run run = traffic.start(traffic.tenant("poison"), RATES);
        awaitAcknowledged(run, Instant.now(), Kind.CHOICE, 30);

        String marker = "poison-" + UUID.randomUUID();
        // not JSON at all, and a well-formed CloudEvent whose data is not an event of the topic
        List<String> poisons = List.of("%s: {not json".formatted(marker),
                "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"/nowhere\",\"type\":\"consent.submission.v1\","
                        .formatted(marker) + "\"tenant\":\"" + run.tenant.id + "\",\"data\":{\"unexpected\":true}}");
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (String topic : List.of(Topics.SUBMISSIONS, Topics.CHANGES)) {
            for (int i = 0; i < poisons.size(); i++) {
                records.add(new ProducerRecord<>(topic, marker + "/" + i, poisons.get(i)));
            }
        }
        kafka.publish(records);
        awaitAcknowledged(run, Instant.now(), Kind.CHOICE, 60);

        // submissions are consumed by consent-service and audit-sink (two dead letters each), changes by audit-sink
        Map<String, Integer> expected = Map.of(Topics.SUBMISSIONS, 2 * poisons.size(), Topics.CHANGES, poisons.size());
        await("the poison to be dead-lettered").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> expected.entrySet().stream()
                        .allMatch(e -> deadLettered(e.getKey(), marker).size() >= e.getValue()));
        List<String> lines = new ArrayList<>();
        Map<String, List<ConsumerRecord<String, String>>> dlq = expected.keySet().stream()
                .collect(Collectors.toMap(t -> t, t -> deadLettered(t, marker)));
        dlq.forEach((topic, found) -> lines.add("dead-lettered on " + Topics.deadLetterOf(topic) + ": " + found.size()
                + " (reasons: " + found.stream().map(r -> KafkaOps.header(r, "dead-letter-reason"))
                        .map(reason -> reason == null ? "none" : reason.length() > 60 ? reason.substring(0, 60) : reason)
                        .collect(Collectors.toSet()) + ")"));

        Accounting a = settle("a poison message on each consumed topic", run, lines);
        assertExactlyOnce(a, Set.of("503"));
        assertNoCheckAllowed(run, Set.of());
        dlq.forEach((topic, found) -> {
            assertThat(found).as("poison on %s", Topics.deadLetterOf(topic)).hasSize(expected.get(topic));
            assertThat(found).allSatisfy(r -> {
                assertThat(KafkaOps.header(r, "dead-letter-reason")).as("dead-letter-reason").isNotBlank();
                assertThat(r.value()).contains(marker);
            });
        });
        assertChainVerifies(run);
    }

    // --- the accounting ---

    /** Stops the stream, retries what a client may retry, waits until the system settled, prints the accounting. */
    private static Accounting settle(String fault, Run run, List<String> lines) {
        run.stop();
        await("failed writes a client may retry to be acknowledged").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).until(() -> run.retryFailed() == 0);
        try {
            await("the system to settle").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> settled(run));
        } catch (ConditionTimeoutException e) {
            System.out.println("The system did not settle: " + e.getMessage() + "; accounting what it holds. "
                    + "At that moment: " + backlog());
        }
        earlierRuns.add(run);
        List<String> all = new ArrayList<>(lines);
        all.add(checkLine(run));
        Accounting a = ledger.account(fault, run);
        System.out.println(Ledger.table(a, all));
        return a;
    }

    /** What settling waits for, as it stands: for the build log when the system did not settle. */
    private static String backlog() {
        try {
            return "consent-service's outbox unpublished " + ledger.unpublished() + ", lag of consent-service on "
                    + "submissions " + kafka.lag(CONSENT_GROUP, Topics.SUBMISSIONS) + ", lag of audit-sink on "
                    + "submissions " + kafka.lag(AUDIT_GROUP, Topics.SUBMISSIONS) + " and on changes "
                    + kafka.lag(AUDIT_GROUP, Topics.CHANGES);
        } catch (RuntimeException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** Nothing left to publish or consume, and every acknowledged write in the state and the log. */
    private static boolean settled(Run run) {
        if (ledger.unpublished() > 0 || kafka.lag(CONSENT_GROUP, Topics.SUBMISSIONS) > 0
                || kafka.lag(AUDIT_GROUP, Topics.SUBMISSIONS, Topics.CHANGES) > 0) {
            return false;
        }
        Accounting a = ledger.account("settling", run);
        return a.total(r -> r.storedMissing + r.auditMissing) == 0;
    }

    private static void assertExactlyOnce(Accounting a, Set<String> allowedFailures) {
        SoftAssertions soft = new SoftAssertions();
        for (Row r : a.rows().values()) {
            soft.assertThat(r.storedMissing).as("%s %s acknowledged but not in the consent state", a.fault(), r.kind)
                    .isZero();
            soft.assertThat(r.storedTwice).as("%s %s in the consent state more than once", a.fault(), r.kind)
                    .isZero();
            soft.assertThat(r.auditMissing).as("%s %s acknowledged but not in the audit log", a.fault(), r.kind)
                    .isZero();
            soft.assertThat(r.auditedTwice).as("%s %s in the audit log more than once", a.fault(), r.kind).isZero();
            soft.assertThat(r.stored + r.storedMissing + r.storedTwice).as("%s %s accounted", a.fault(), r.kind)
                    .isEqualTo(r.ackedFirstTry + r.ackedOnRetry);
            soft.assertThat(r.failures.keySet()).as("%s %s failures", a.fault(), r.kind)
                    .isSubsetOf(allowedFailures);
            soft.assertThat(r.failuresNotProblemJson).as("%s %s errors without problem+json", a.fault(), r.kind)
                    .isZero();
            if (r.kind != Kind.CHOICE) {
                soft.assertThat(r.neverAcked).as("%s %s never acknowledged despite retries", a.fault(), r.kind)
                        .isZero();
            }
        }
        soft.assertThat(a.rows().get(Kind.CONSENT).stored).as("consent records stored").isPositive();
        soft.assertThat(a.rows().get(Kind.CHOICE).stored).as("choices stored").isPositive();
        soft.assertAll();
    }

    /** Nobody in the stream's checks ever consented: ALLOW would be a lie. Errors are 503 problem+json. */
    private static void assertNoCheckAllowed(Run run, Set<String> allowedOtherwise) {
        assertThat(run.checks).isNotEmpty();
        assertThat(run.checks).allSatisfy(c -> {
            assertThat(c.decision()).as("check of a %s subject", c.subject()).isNotEqualTo("ALLOW");
            Attempt at = c.attempt();
            if (at.status() != 200) {
                assertThat(at.outcome()).as("a check that got no decision").isIn(
                        union(Set.of("503"), allowedOtherwise));
                if (at.status() == 503) {
                    assertThat(at.isProblem()).as("503 as problem+json").isTrue();
                }
            } else {
                assertThat(c.decision()).isEqualTo("DENY");
            }
        });
    }

    private static void assertChainVerifies(Run run) {
        Attempt verify = traffic.send(HttpRequest.newBuilder(URI.create(system.settings().auditUrl()
                + "/v1/audit/verify")).header("Authorization", "Bearer " + run.tenant.compliance).GET());
        assertThat(verify.status()).as("verify: %s", verify.body()).isEqualTo(200);
        assertThat(verify.body()).as("the audit chain of %s", run.tenant.id).contains("\"valid\":true");
    }

    private static String checkLine(Run run) {
        Map<String, Long> byOutcome = run.checks.stream().collect(Collectors.groupingBy(
                c -> c.decision() != null ? c.decision() : c.attempt().outcome(), java.util.TreeMap::new,
                Collectors.counting()));
        return "checks of never-consented / refused subjects: " + run.checks.size() + " sent, answers " + byOutcome;
    }

    private static void awaitAcknowledged(Run run, Instant since, Kind kind, int count) {
        await(count + " " + kind + " acknowledged").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> run.writes.stream().filter(w -> w.kind == kind)
                        .filter(w -> w.attempts().stream().anyMatch(a -> a.acknowledged() && a.done().isAfter(since)))
                        .count() >= count);
    }

    /** Resends acknowledged consent records (same Idempotency-Key) and STOPs (same MessageSid). */
    private static int[] resendAcknowledged(List<Run> runs) {
        int[] counts = new int[4];
        for (Run r : runs) {
            List<Write> consents = r.writes.stream().filter(w -> w.kind == Kind.CONSENT && w.acknowledged())
                    .limit(25).toList();
            for (Write w : consents) {
                counts[0]++;
                if (traffic.send(r.consentRequest(w)).status() == 200) {
                    counts[1]++;
                }
            }
            List<Write> stops = r.writes.stream().filter(w -> w.kind == Kind.STOP && w.acknowledged()).limit(10)
                    .toList();
            for (Write w : stops) {
                counts[2]++;
                if (traffic.send(r.stopRequest(w.clientKey, r.stopFromOf(w))).status() == 200) {
                    counts[3]++;
                }
            }
        }
        return counts;
    }

    private static List<ConsumerRecord<String, String>> deadLettered(String topic, String marker) {
        return kafka.readAll(Topics.deadLetterOf(topic)).stream()
                .filter(r -> r.key() != null && r.key().startsWith(marker)).toList();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return all;
    }
}
