package io.consentline.audit.messaging;

import static io.consentline.audit.TestChanges.change;
import static io.consentline.audit.TestChanges.topic;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.audit.TestChanges;
import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;
import io.consentline.events.Topics;
import io.consentline.testsupport.KafkaTestClient;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ChangeConsumerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private void publish(CloudEvent<ConsentChanged> event) {
        kafka.sendCloudEvent(topic(Topics.CHANGES), event.partitionKey(), EventCodec.encode(event));
    }

    private static ValidatableResponse entriesOf(String subjectId) {
        return given().auth().oauth2(TestTokens.of("acme", "compliance"))
                .queryParam("subjectId", subjectId)
                .when().get("/v1/audit/entries")
                .then().statusCode(200);
    }

    private static List<String> eventIdsOf(String subjectId) {
        return entriesOf(subjectId).extract().jsonPath().getList("entries.eventId", String.class);
    }

    @Test
    void aPublishedChangeBecomesAnAuditEntryWithItsEvidence() {
        String subjectId = UUID.randomUUID().toString();
        CloudEvent<ConsentChanged> event = change(subjectId, "v-" + subjectId, "marketing", null,
                ConsentStatus.GRANTED);

        publish(event);

        await().atMost(PATIENCE).until(() -> eventIdsOf(subjectId).contains(event.id()));
        entriesOf(subjectId)
                .body("entries[0].eventId", equalTo(event.id()))
                .body("entries[0].purpose", equalTo("marketing"))
                .body("entries[0].channel", equalTo("web"))
                .body("entries[0].before", nullValue())
                .body("entries[0].after", equalTo("GRANTED"))
                .body("entries[0].source", equalTo("banner"))
                .body("entries[0].policyVersion", equalTo("2026-01"))
                .body("entries[0].evidence.siteId", equalTo("site-1"))
                .body("entries[0].evidence.ipAddress", nullValue())
                .body("entries[0].evidence.globalPrivacyControl", equalTo(true))
                .body("entries[0].causationId", equalTo(event.data().causationId()))
                .body("entries[0].occurredAt", equalTo(event.data().changedAt().toString()));
    }

    @Test
    void theEntryKeepsWhereItWasReadAndNothingPersonalInClear() {
        String subjectId = UUID.randomUUID().toString();
        String visitor = "v-" + subjectId;
        CloudEvent<ConsentChanged> event = change(subjectId, visitor, "analytics", null, ConsentStatus.GRANTED);

        publish(event);

        await().atMost(PATIENCE).until(() -> eventIdsOf(subjectId).contains(event.id()));
        Row row = pool.preparedQuery("select * from audit_entry where event_id = $1").execute(Tuple.of(event.id()))
                .await().atMost(PATIENCE).iterator().next();
        assertThat(row.getString("tenant")).isEqualTo("acme");
        assertThat(row.getString("event_type")).isEqualTo("consent.changed.v1");
        assertThat(row.getString("kafka_topic")).isEqualTo(topic(Topics.CHANGES));
        assertThat(row.getInteger("kafka_partition")).isNotNull();
        assertThat(row.getLong("kafka_offset")).isNotNull();
        assertThat(row.getString("identifier_hash")).hasSize(64).doesNotContain(visitor);
        assertThat(row.getString("facts")).doesNotContain(visitor).doesNotContain("203.0.113.7").contains("site-1")
                .contains("globalPrivacyControl");
        assertThat(new String(row.getBuffer("sealed").getBytes(), StandardCharsets.ISO_8859_1))
                .doesNotContain(visitor).doesNotContain("203.0.113.7");
        assertThat(row.getLong("seq")).isPositive();
        assertThat(row.getBuffer("hash").length()).isEqualTo(32);
    }

    @Test
    void aSubmissionIsOnRecordAndLinkedToTheChangesItCaused() {
        String subjectId = UUID.randomUUID().toString();
        String visitor = "v-" + subjectId;
        CloudEvent<ConsentSubmission> submission = submission("acme", visitor);
        CloudEvent<ConsentChanged> change = causedBy(change(subjectId, visitor, "analytics", null,
                ConsentStatus.GRANTED), submission.id());

        kafka.sendCloudEvent(topic(Topics.SUBMISSIONS), submission.partitionKey(), EventCodec.encode(submission));
        publish(change);

        await().atMost(PATIENCE).until(() -> given().auth().oauth2(TestTokens.of("acme", "compliance"))
                .queryParam("identifierType", "visitor").queryParam("identifier", visitor)
                .when().get("/v1/audit/entries").then().extract().jsonPath().getList("entries").size() == 2);
        given().auth().oauth2(TestTokens.of("acme", "compliance"))
                .queryParam("identifierType", "visitor").queryParam("identifier", visitor).queryParam("type", "submission")
                .when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries[0].eventId", equalTo(submission.id()))
                .body("entries[0].purposes", org.hamcrest.Matchers.contains("analytics", "marketing"))
                .body("entries[0].source", equalTo("banner"));
        given().auth().oauth2(TestTokens.of("acme", "compliance"))
                .queryParam("identifierType", "visitor").queryParam("identifier", visitor).queryParam("type", "change")
                .when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries[0].causationId", equalTo(submission.id()));
    }

    /**
     * What the gateway leaves behind for a choice it answered 503 although a stopping broker appended it: the
     * record in an aborted transaction. It is not on record; the committed submission behind it on the same
     * partition is.
     */
    @Test
    void aSubmissionInAnAbortedTransactionIsNotOnRecord() {
        String visitor = "v-" + UUID.randomUUID();
        CloudEvent<ConsentSubmission> refused = submission("acme", visitor);
        CloudEvent<ConsentSubmission> accepted = submission("acme", visitor);

        kafka.sendCloudEventInAbortedTransaction(topic(Topics.SUBMISSIONS), refused.partitionKey(),
                EventCodec.encode(refused));
        kafka.sendCloudEvent(topic(Topics.SUBMISSIONS), accepted.partitionKey(), EventCodec.encode(accepted));

        await().atMost(PATIENCE).until(() -> given().auth().oauth2(TestTokens.of("acme", "compliance"))
                .queryParam("identifierType", "visitor").queryParam("identifier", visitor)
                .when().get("/v1/audit/entries").then().extract().jsonPath().getList("entries").size() >= 1);
        given().auth().oauth2(TestTokens.of("acme", "compliance"))
                .queryParam("identifierType", "visitor").queryParam("identifier", visitor)
                .when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries.eventId", org.hamcrest.Matchers.contains(accepted.id()));
    }

    @Test
    void aPoisonSubmissionIsDeadLetteredOnTheSubmissionsDeadLetterTopic() {
        String poison = "{\"specversion\":\"1.0\",\"broken\":\"" + UUID.randomUUID() + "\"}";

        kafka.send(topic(Topics.SUBMISSIONS), "acme/x", poison);

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(topic(Topics.deadLetterOf(Topics.SUBMISSIONS)),
                seen -> seen.stream().anyMatch(r -> r.value().equals(poison)), PATIENCE);
        ConsumerRecord<String, String> record = dead.stream().filter(r -> r.value().equals(poison)).findFirst()
                .orElseThrow(() -> new AssertionError("not dead-lettered"));
        assertThat(new String(record.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(topic(Topics.SUBMISSIONS));
        assertThat(record.headers().lastHeader("dead-letter-reason")).isNotNull();
    }

    private static CloudEvent<ConsentSubmission> submission(String tenant, String visitor) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ConsentSubmission data = new ConsentSubmission(new Identifier(IdentifierType.VISITOR, visitor), Channel.WEB,
                ConsentSource.BANNER, List.of(new PurposeChoice("analytics", ConsentStatus.GRANTED),
                        new PurposeChoice("marketing", ConsentStatus.DENIED)),
                "2026-01", "en", Evidence.ofBanner("site-1", "203.0.113.7", "JUnit"), at);
        return CloudEvent.of(UUID.randomUUID().toString(), "/preference-gateway", EventTypes.SUBMISSION, tenant,
                "visitor:" + visitor, at, data);
    }

    private static CloudEvent<ConsentChanged> causedBy(CloudEvent<ConsentChanged> e, String causationId) {
        ConsentChanged d = e.data();
        return CloudEvent.of(e.id(), e.source(), e.type(), e.tenant(), e.subject(), e.time(),
                new ConsentChanged(d.subjectId(), d.identifier(), d.purpose(), d.channel(), d.before(), d.after(),
                        d.source(), d.policyVersion(), d.policyTextHash(), d.evidence(), d.changedAt(), causationId));
    }

    /**
     * Two consumers share the topic's partitions (consumer concurrency 2): one tenant's events from every
     * partition still form one gapless chain that verifies, and each partition's records keep their order in it.
     */
    @Test
    void eventsFromEveryPartitionFormOneChainInEachPartitionsOrder() {
        String tenant = "conc-" + UUID.randomUUID().toString().substring(0, 8);
        int events = 300;
        for (int i = 0; i < events; i++) {
            String subjectId = "s-" + (i % 30);
            publish(TestChanges.change(tenant, subjectId, "v-" + subjectId, "marketing", null, ConsentStatus.GRANTED));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> rowsOf(tenant).size() == events);
        List<Row> rows = rowsOf(tenant);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i).getLong("seq")).isEqualTo(i + 1L);
        }
        java.util.Map<Integer, Long> lastOffset = new java.util.HashMap<>();
        for (Row row : rows) {
            Long before = lastOffset.put(row.getInteger("kafka_partition"), row.getLong("kafka_offset"));
            assertThat(before == null || before < row.getLong("kafka_offset"))
                    .as("partition %s keeps its order in the chain", row.getInteger("kafka_partition")).isTrue();
        }
        assertThat(rows.stream().map(row -> row.getInteger("kafka_partition")).distinct().count()).isGreaterThan(1);
        given().auth().oauth2(TestTokens.of(tenant, "compliance")).when().get("/v1/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true)).body("rowsChecked", equalTo(events));
    }

    private List<Row> rowsOf(String tenant) {
        List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery("select seq, kafka_partition, kafka_offset from audit_entry where tenant = $1 order by seq")
                .execute(Tuple.of(tenant)).await().atMost(PATIENCE).forEach(rows::add);
        return rows;
    }

    @Test
    void aRedeliveredChangeIsRecordedOnce() {
        String subjectId = UUID.randomUUID().toString();
        CloudEvent<ConsentChanged> event = change(subjectId, "v-" + subjectId, "analytics", null,
                ConsentStatus.GRANTED);
        CloudEvent<ConsentChanged> marker = change(subjectId, "v-" + subjectId, "analytics", ConsentStatus.GRANTED,
                ConsentStatus.DENIED);

        publish(event);
        publish(event);
        publish(marker);

        // same key, same partition: once the marker is recorded, both copies have been consumed
        await().atMost(PATIENCE).until(() -> eventIdsOf(subjectId).contains(marker.id()));
        assertThat(eventIdsOf(subjectId)).containsExactly(event.id(), marker.id());
    }

    @Test
    void aPoisonRecordIsDeadLetteredAndTheChangesAfterItAreStillRecorded() {
        String subjectId = UUID.randomUUID().toString();
        CloudEvent<ConsentChanged> after = change(subjectId, "v-" + subjectId, "marketing", null,
                ConsentStatus.DENIED);
        String poison = "{this is not an event " + UUID.randomUUID();

        // same key as the valid change: same partition, so the consumer has to get past the poison
        kafka.send(topic(Topics.CHANGES), after.partitionKey(), poison);
        publish(after);

        await().atMost(PATIENCE).until(() -> eventIdsOf(subjectId).contains(after.id()));
        ConsumerRecord<String, String> dead = deadLettered(poison);
        Header reason = dead.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not a CloudEvents JSON event");
    }

    @Test
    void aChangeThatNamesAMemberTwiceIsDeadLetteredNotRecordedWithOneOfItsValues() {
        String subjectId = UUID.randomUUID().toString();
        CloudEvent<ConsentChanged> ambiguous = change(subjectId, "v-" + subjectId, "marketing", null,
                ConsentStatus.GRANTED);
        CloudEvent<ConsentChanged> after = change(subjectId, "v-" + subjectId, "marketing", ConsentStatus.GRANTED,
                ConsentStatus.DENIED);
        // "after" twice, GRANTED then DENIED: a tree would keep DENIED, a first-wins reader GRANTED
        String twice = EventCodec.encode(ambiguous).replace("\"after\":\"GRANTED\"",
                "\"after\":\"GRANTED\",\"after\":\"DENIED\"");
        assertThat(twice).contains("\"after\":\"DENIED\"");

        // same key as the valid change: same partition, so the consumer has to get past it
        kafka.send(topic(Topics.CHANGES), after.partitionKey(), twice);
        publish(after);

        await().atMost(PATIENCE).until(() -> eventIdsOf(subjectId).contains(after.id()));
        ConsumerRecord<String, String> dead = deadLettered(ambiguous.id());
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("a member is named twice");
        assertThat(eventIdsOf(subjectId)).containsExactly(after.id());
    }

    @Test
    void aChangeTheLogsIndexesCannotHoldIsDeadLetteredAndTheChangesAfterItAreStillRecorded() {
        String subjectId = UUID.randomUUID().toString();
        byte[] noise = new byte[6_000];
        new java.security.SecureRandom().nextBytes(noise);
        // 8,000 incompressible characters: beyond a B-tree entry's ~2.7 KB in the unique index of event ids
        String hugeId = java.util.Base64.getEncoder().encodeToString(noise);
        CloudEvent<ConsentChanged> tooLarge = change(subjectId, "v-" + subjectId, "marketing", null,
                ConsentStatus.GRANTED);
        CloudEvent<ConsentChanged> after = change(subjectId, "v-" + subjectId, "marketing", ConsentStatus.GRANTED,
                ConsentStatus.DENIED);

        // same key as the valid change: same partition, so the consumer has to get past it
        kafka.send(topic(Topics.CHANGES), after.partitionKey(), EventCodec.encode(tooLarge).replace(tooLarge.id(),
                hugeId));
        publish(after);

        await().atMost(PATIENCE).until(() -> eventIdsOf(subjectId).contains(after.id()));
        ConsumerRecord<String, String> dead = deadLettered(hugeId);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("refuses the event (SQLSTATE 54000)");
        assertThat(eventIdsOf(subjectId)).containsExactly(after.id());
    }

    @Test
    void aChangeForAnInvalidTenantIsDeadLettered() {
        String subjectId = UUID.randomUUID().toString();
        CloudEvent<ConsentChanged> bad = change("Not A Tenant!", subjectId, "v-" + subjectId, "marketing", null,
                ConsentStatus.GRANTED);

        publish(bad);

        ConsumerRecord<String, String> dead = deadLettered(bad.id());
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("invalid tenant id");
    }

    @Test
    void aSubmissionPublishedOnTheChangesTopicIsDeadLettered() {
        String subjectId = UUID.randomUUID().toString();
        String wrongType = EventCodec.encode(change(subjectId, "v-" + subjectId, "marketing", null,
                ConsentStatus.GRANTED)).replace("consent.changed.v1", "consent.submission.v1");

        kafka.send(topic(Topics.CHANGES), "acme/" + subjectId, wrongType);

        ConsumerRecord<String, String> dead = deadLettered(subjectId);
        assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("unexpected event type");
        assertThat(eventIdsOf(subjectId)).isEmpty();
    }

    private ConsumerRecord<String, String> deadLettered(String containing) {
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(topic(Topics.deadLetterOf(Topics.CHANGES)),
                seen -> seen.stream().anyMatch(r -> r.value().contains(containing)), PATIENCE);
        return dead.stream().filter(r -> r.value().contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("nothing on the dead-letter topic contains " + containing));
    }
}
