package io.consentline.consent.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

@QuarkusTest
class SubmissionConsumerTest {

    private KafkaTestClient kafka;

    @BeforeEach
    void connect() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void disconnect() {
        kafka.close();
    }

    private static CloudEvent<ConsentSubmission> submission(String visitor, PurposeChoice... choices) {
        ConsentSubmission data = new ConsentSubmission(new Identifier(IdentifierType.VISITOR, visitor), Channel.WEB,
                ConsentSource.BANNER, List.of(choices), "2026-01", "en",
                Evidence.ofBanner("site-1", "203.0.113.7", "JUnit").withGlobalPrivacyControl(true), Instant.now());
        return CloudEvent.of(UUID.randomUUID().toString(), "/preference-gateway", EventTypes.SUBMISSION, "acme",
                "visitor:" + visitor, data.submittedAt(), data);
    }

    private void publish(CloudEvent<ConsentSubmission> event) {
        kafka.sendCloudEvent(Topics.SUBMISSIONS, event.partitionKey(), EventCodec.encode(event));
    }

    private static String decision(String visitor, String purpose) {
        return given().auth().oauth2(TestTokens.of("acme", "dialer"))
                .queryParam("identifierType", "visitor").queryParam("identifier", visitor)
                .queryParam("purpose", purpose).queryParam("channel", "web")
                .when().get("/v1/check").then().statusCode(200).extract().path("decision");
    }

    private List<CloudEvent<ConsentChanged>> changesCausedBy(String eventId, int atLeast) {
        return kafka.readUntil(Topics.CHANGES,
                seen -> seen.stream().filter(r -> r.value().contains(eventId)).count() >= atLeast,
                Duration.ofSeconds(20))
                .stream().map(r -> EventCodec.decodeChange(r.value()))
                .filter(e -> e.data().causationId().equals(eventId))
                .toList();
    }

    @Test
    void aBannerChoiceBecomesTheCurrentStateAndIsPublishedAsChanges() {
        String visitor = "v-" + UUID.randomUUID();
        CloudEvent<ConsentSubmission> event = submission(visitor,
                new PurposeChoice("analytics", ConsentStatus.GRANTED),
                new PurposeChoice("marketing", ConsentStatus.DENIED));

        publish(event);

        await().atMost(Duration.ofSeconds(20)).until(() -> decision(visitor, "analytics").equals("ALLOW"));
        assertThat(decision(visitor, "marketing")).isEqualTo("DENY");
        List<CloudEvent<ConsentChanged>> changes = changesCausedBy(event.id(), 2);
        assertThat(changes).extracting(c -> c.data().purpose()).containsExactlyInAnyOrder("analytics", "marketing");
        CloudEvent<ConsentChanged> analytics = changes.stream().filter(c -> c.data().purpose().equals("analytics"))
                .findFirst().orElseThrow();
        assertThat(analytics.tenant()).isEqualTo("acme");
        assertThat(analytics.data().before()).isNull();
        assertThat(analytics.data().after()).isEqualTo(ConsentStatus.GRANTED);
        assertThat(analytics.data().source()).isEqualTo(ConsentSource.BANNER);
        assertThat(analytics.data().policyVersion()).isEqualTo("2026-01");
        assertThat(analytics.data().evidence().siteId()).isEqualTo("site-1");
        assertThat(analytics.data().evidence().globalPrivacyControl()).isTrue();
        assertThat(analytics.data().identifier().value()).isEqualTo(visitor);
        assertThat(changes).extracting(c -> UUID.fromString(c.id()).version()).as("time-ordered ids (EventIds)")
                .containsOnly(7);
    }

    /**
     * What the gateway leaves behind for a choice it answered 503 although a stopping broker appended it: the
     * record in an aborted transaction. It is never applied; the committed submission behind it on the same
     * partition is.
     */
    @Test
    void aSubmissionInAnAbortedTransactionIsNotApplied() {
        String visitor = "v-" + UUID.randomUUID();
        CloudEvent<ConsentSubmission> refused = submission(visitor, new PurposeChoice("analytics", ConsentStatus.GRANTED));
        CloudEvent<ConsentSubmission> accepted = submission(visitor, new PurposeChoice("marketing", ConsentStatus.GRANTED));

        kafka.sendCloudEventInAbortedTransaction(Topics.SUBMISSIONS, refused.partitionKey(), EventCodec.encode(refused));
        publish(accepted);

        await().atMost(Duration.ofSeconds(20)).until(() -> decision(visitor, "marketing").equals("ALLOW"));
        assertThat(decision(visitor, "analytics")).isEqualTo("DENY");
        assertThat(changesCausedBy(accepted.id(), 1)).hasSize(1);
        assertThat(kafka.readUntil(Topics.CHANGES, seen -> false, Duration.ofSeconds(2)))
                .noneMatch(r -> r.value().contains(refused.id()));
    }

    @Test
    void theSubjectsWholeStateIsPublishedToTheCompactedStateTopic() {
        String visitor = "v-" + UUID.randomUUID();
        CloudEvent<ConsentSubmission> event = submission(visitor,
                new PurposeChoice("analytics", ConsentStatus.GRANTED),
                new PurposeChoice("marketing", ConsentStatus.DENIED));

        publish(event);

        List<CloudEvent<io.consentline.events.ConsentStateSnapshot>> snapshots = kafka.readUntil(Topics.STATE,
                seen -> seen.stream().anyMatch(r -> r.value().contains(visitor)), Duration.ofSeconds(20))
                .stream().filter(r -> r.value().contains(visitor)).map(r -> EventCodec.decodeState(r.value())).toList();
        assertThat(snapshots).hasSize(1);
        var snapshot = snapshots.get(0);
        assertThat(snapshot.partitionKey()).isEqualTo("acme/" + snapshot.data().subjectId());
        assertThat(snapshot.data().consents()).extracting(c -> c.purpose() + "=" + c.status())
                .containsExactly("analytics=GRANTED", "marketing=DENIED");
    }

    @Test
    void withdrawalTurnsTheNextCheckToDeny() {
        String visitor = "v-" + UUID.randomUUID();
        publish(submission(visitor, new PurposeChoice("marketing", ConsentStatus.GRANTED)));
        await().atMost(Duration.ofSeconds(20)).until(() -> decision(visitor, "marketing").equals("ALLOW"));

        publish(submission(visitor, new PurposeChoice("marketing", ConsentStatus.DENIED)));

        await().atMost(Duration.ofSeconds(20)).until(() -> decision(visitor, "marketing").equals("DENY"));
        given().auth().oauth2(TestTokens.of("acme", "dialer"))
                .queryParam("identifierType", "visitor").queryParam("identifier", visitor)
                .queryParam("purpose", "marketing").queryParam("channel", "web")
                .when().get("/v1/check").then().body("reasons[0]", equalTo("OPTED_OUT"));
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        String visitor = "v-" + UUID.randomUUID();
        CloudEvent<ConsentSubmission> event = submission(visitor, new PurposeChoice("analytics", ConsentStatus.GRANTED));
        CloudEvent<ConsentSubmission> marker = submission(visitor, new PurposeChoice("marketing", ConsentStatus.GRANTED));

        publish(event);
        publish(event);
        publish(marker);

        // same key, same partition: once the marker is applied, both copies have been consumed
        await().atMost(Duration.ofSeconds(20)).until(() -> decision(visitor, "marketing").equals("ALLOW"));
        // the relay publishes in commit order on one partition: the marker's change comes after any repeat's
        List<CloudEvent<ConsentChanged>> changes = kafka.readUntil(Topics.CHANGES,
                seen -> seen.stream().anyMatch(r -> r.value().contains(marker.id())), Duration.ofSeconds(20))
                .stream().map(r -> EventCodec.decodeChange(r.value())).toList();
        assertThat(changes).filteredOn(c -> c.data().causationId().equals(marker.id())).hasSize(1);
        assertThat(changes).filteredOn(c -> c.data().causationId().equals(event.id())).hasSize(1);
    }

    @Test
    void anSmsStopOptsTheNumberOutOfEveryPurposeOnSms() {
        String phone = "+4479111" + String.format("%05d", new java.util.Random().nextInt(100000));
        given().auth().oauth2(TestTokens.of("acme", "agent")).contentType(io.restassured.http.ContentType.JSON)
                .body("""
                        {"identifiers":[{"type":"phone","value":"%s"}],"purposes":["marketing"],"channels":["sms"],
                         "status":"GRANTED"}""".formatted(phone))
                .when().post("/v1/consents").then().statusCode(201);
        ConsentSubmission stop = new ConsentSubmission(new Identifier(IdentifierType.PHONE, phone), Channel.SMS,
                ConsentSource.SMS_KEYWORD, List.of(new PurposeChoice(PurposeChoice.ALL_PURPOSES, ConsentStatus.DENIED)),
                null, null, Evidence.ofInboundSms("SM-test", "keyword:STOP"), Instant.now());

        publish(CloudEvent.of(UUID.randomUUID().toString(), "/preference-gateway", EventTypes.SUBMISSION, "acme",
                "phone:test", stop.submittedAt(), stop));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().auth().oauth2(TestTokens.of("acme", "dialer"))
                .queryParams(java.util.Map.of("phone", phone, "purpose", "marketing", "channel", "sms",
                        "at", "2026-11-23T12:00:00Z"))
                .when().get("/v1/check").then().statusCode(200)
                .body("decision", equalTo("DENY")).body("reasons[0]", equalTo("OPTED_OUT")));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
        String poisonKey = "poison-" + UUID.randomUUID();
        String visitor = "v-" + UUID.randomUUID();

        kafka.sendCloudEvent(Topics.SUBMISSIONS, poisonKey, "{this is not an event");
        publish(submission(visitor, new PurposeChoice("analytics", ConsentStatus.GRANTED)));

        await().atMost(Duration.ofSeconds(20)).until(() -> decision(visitor, "analytics").equals("ALLOW"));
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.deadLetterOf(Topics.SUBMISSIONS),
                seen -> seen.stream().anyMatch(r -> poisonKey.equals(r.key())), Duration.ofSeconds(20));
        ConsumerRecord<String, String> poison = dead.stream().filter(r -> poisonKey.equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(poison.value()).isEqualTo("{this is not an event");
        Header reason = poison.headers().lastHeader("dead-letter-reason");
        assertThat(reason).isNotNull();
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("not a CloudEvents JSON event");
    }

    @Test
    void aSubmissionThatNamesAMemberTwiceIsDeadLetteredAndNeitherValueIsApplied() {
        String visitor = "v-" + UUID.randomUUID();
        CloudEvent<ConsentSubmission> ambiguous = submission(visitor,
                new PurposeChoice("analytics", ConsentStatus.GRANTED));
        // the choice's status twice, GRANTED then DENIED: which one a reader keeps is up to the reader
        String twice = EventCodec.encode(ambiguous).replace("\"status\":\"GRANTED\"",
                "\"status\":\"GRANTED\",\"status\":\"DENIED\"");
        assertThat(twice).contains("\"status\":\"DENIED\"");

        kafka.sendCloudEvent(Topics.SUBMISSIONS, ambiguous.partitionKey(), twice);

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.deadLetterOf(Topics.SUBMISSIONS),
                seen -> seen.stream().anyMatch(r -> r.value().contains(ambiguous.id())), Duration.ofSeconds(30));
        ConsumerRecord<String, String> poison = dead.stream().filter(r -> r.value().contains(ambiguous.id()))
                .findFirst().orElseThrow();
        assertThat(new String(poison.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("a member is named twice");
        assertThat(decision(visitor, "analytics")).isEqualTo("DENY");
    }

    @Test
    void aSubmissionWithAnInvalidPurposeIsDeadLettered() {
        String visitor = "v-" + UUID.randomUUID();
        CloudEvent<ConsentSubmission> bad = submission(visitor, new PurposeChoice("Not A Slug", ConsentStatus.GRANTED));

        publish(bad);

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.deadLetterOf(Topics.SUBMISSIONS),
                seen -> seen.stream().anyMatch(r -> r.value().contains(bad.id())), Duration.ofSeconds(30));
        assertThat(dead).anyMatch(r -> r.value().contains(bad.id()));
        assertThat(decision(visitor, "analytics")).isEqualTo("DENY");
    }

    @Test
    void anInvalidSubmissionAmongValidOnesIsDeadLetteredAloneAndTheOthersAreApplied() {
        String before = "v-" + UUID.randomUUID();
        String after = "v-" + UUID.randomUUID();
        CloudEvent<ConsentSubmission> bad = submission("v-" + UUID.randomUUID(),
                new PurposeChoice("Not A Slug", ConsentStatus.GRANTED));

        // sent back to back, so that they are usually polled in one batch: the batch's transaction fails on the
        // invalid one and the batch is applied again one by one
        publish(submission(before, new PurposeChoice("analytics", ConsentStatus.GRANTED)));
        publish(bad);
        publish(submission(after, new PurposeChoice("analytics", ConsentStatus.GRANTED)));

        await().atMost(Duration.ofSeconds(20)).until(() -> decision(before, "analytics").equals("ALLOW")
                && decision(after, "analytics").equals("ALLOW"));
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.deadLetterOf(Topics.SUBMISSIONS),
                seen -> seen.stream().anyMatch(r -> r.value().contains(bad.id())), Duration.ofSeconds(30));
        assertThat(dead).filteredOn(r -> r.value().contains(bad.id())).hasSize(1);
        assertThat(dead).noneMatch(r -> r.value().contains(before) || r.value().contains(after));
    }
}
