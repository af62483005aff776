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
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.consentline.events.Topics;
import io.consentline.testsupport.KafkaTestClient;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
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
                .body("entries[0].evidence.ipAddress", equalTo("203.0.113.7"))
                .body("entries[0].causationId", equalTo(event.data().causationId()))
                .body("entries[0].occurredAt", equalTo(event.data().changedAt().toString()));
    }

    @Test
    void theEntryKeepsWhereItWasReadTheDataAsReceivedAndTheIdentifierOnlyAsItsHash() {
        String subjectId = UUID.randomUUID().toString();
        String visitor = "v-" + subjectId;
        CloudEvent<ConsentChanged> event = change(subjectId, visitor, "analytics", null, ConsentStatus.GRANTED);

        publish(event);

        await().atMost(PATIENCE).until(() -> eventIdsOf(subjectId).contains(event.id()));
        Row row = pool.preparedQuery("select * from audit_entry where event_id = $1").execute(Tuple.of(event.id()))
                .await().atMost(PATIENCE).iterator().next();
        assertThat(row.getString("tenant")).isEqualTo("acme");
        assertThat(row.getString("event_type")).isEqualTo("consent.changed.v1");
        assertThat(row.getInteger("kafka_partition")).isNotNull();
        assertThat(row.getLong("kafka_offset")).isNotNull();
        assertThat(row.getString("identifier_hash")).hasSize(64).doesNotContain(visitor);
        JsonObject sent = new JsonObject(EventCodec.encode(event)).getJsonObject("data");
        assertThat(row.getJsonObject("payload")).isEqualTo(sent);
        assertThat(row.getOffsetDateTime("recorded_at")).isNotNull();
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
