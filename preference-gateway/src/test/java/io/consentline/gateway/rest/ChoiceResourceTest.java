package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.EventTypes;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;
import io.consentline.events.Topics;
import io.consentline.testsupport.KafkaTestClient;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ChoiceResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** One site for the whole class, created through the admin API on first use. */
    private static String siteId;
    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        if (siteId == null) {
            siteId = Sites.create("acme");
        }
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    private static String topic() {
        return ConfigProvider.getConfig().getOptionalValue("consentline.topic-prefix", String.class).orElse("")
                + Topics.SUBMISSIONS;
    }

    private static String newVisitor() {
        return "v_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String choice(String site, String visitor, String version, String granted, String denied) {
        return """
                {"siteId": "%s", "visitorId": "%s", "policyVersion": "%s", "language": "en",
                 "granted": %s, "denied": %s}""".formatted(site, visitor, version, granted, denied);
    }

    private static String validChoice(String visitor) {
        return choice(siteId, visitor, Sites.VERSION, "[\"analytics\"]", "[\"marketing\"]");
    }

    private static Response post(String body) {
        return given().contentType(ContentType.JSON).header("User-Agent", "JUnit-Browser/1.0").body(body)
                .when().post("/v1/choices");
    }

    /** The topic's records, read from the start until the one with this receipt id is among them. */
    private List<ConsumerRecord<String, String>> readUntilReceipt(String receiptId) {
        List<ConsumerRecord<String, String>> seen = kafka.readUntil(topic(),
                records -> records.stream().anyMatch(r -> r.value().contains(receiptId)), PATIENCE);
        assertThat(seen).as("the acknowledged submission is on the topic").anyMatch(r -> r.value().contains(receiptId));
        return seen;
    }

    /**
     * Proves a refused request published nothing: a valid choice of the same visitor goes to the same partition
     * (same key), after the refused one; once it is read, anything published before it would have been read too.
     */
    private void assertNothingPublishedFor(String visitor) {
        String receiptId = post(validChoice(visitor)).then().statusCode(202).extract().path("receiptId");

        List<String> idsForVisitor = readUntilReceipt(receiptId).stream()
                .map(r -> EventCodec.decodeSubmission(r.value()))
                .filter(e -> e.data().identifier().value().equals(visitor))
                .map(CloudEvent::id)
                .toList();

        assertThat(idsForVisitor).containsExactly(receiptId);
    }

    @Test
    void aValidChoiceIsAcceptedOnlyOnceItIsOnTheSubmissionsTopic() {
        String visitor = newVisitor();

        Response response = post(validChoice(visitor));

        response.then().statusCode(202).contentType(ContentType.JSON)
                .body("receiptId", notNullValue())
                .body("acceptedAt", notNullValue())
                .body("siteId", equalTo(siteId))
                .body("policyVersion", equalTo(Sites.VERSION))
                .body("granted", contains("analytics"))
                .body("denied", contains("marketing"));
        String receiptId = response.path("receiptId");
        Instant acceptedAt = Instant.parse(response.path("acceptedAt"));
        ConsumerRecord<String, String> record = readUntilReceipt(receiptId).stream()
                .filter(r -> r.value().contains(receiptId)).findFirst().orElseThrow();
        CloudEvent<ConsentSubmission> event = EventCodec.decodeSubmission(record.value());
        assertThat(event.id()).isEqualTo(receiptId);
        assertThat(java.util.UUID.fromString(receiptId).version()).as("a time-ordered id (EventIds)").isEqualTo(7);
        assertThat(record.key()).isEqualTo(event.partitionKey()).isEqualTo("acme/visitor:" + visitor);
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .startsWith("application/cloudevents+json");
        assertThat(event.type()).isEqualTo(EventTypes.SUBMISSION);
        assertThat(event.source()).isEqualTo("/preference-gateway");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.subject()).isEqualTo("visitor:" + visitor);
        ConsentSubmission data = event.data();
        assertThat(data.identifier().type()).isEqualTo(IdentifierType.VISITOR);
        assertThat(data.identifier().value()).isEqualTo(visitor);
        assertThat(data.channel()).isEqualTo(Channel.WEB);
        assertThat(data.source()).isEqualTo(ConsentSource.BANNER);
        assertThat(data.choices()).containsExactly(new PurposeChoice("analytics", ConsentStatus.GRANTED),
                new PurposeChoice("marketing", ConsentStatus.DENIED));
        assertThat(data.policyVersion()).isEqualTo(Sites.VERSION);
        assertThat(data.language()).isEqualTo("en");
        assertThat(data.submittedAt()).isEqualTo(acceptedAt);
        assertThat(data.evidence().siteId()).isEqualTo(siteId);
        assertThat(data.evidence().ipAddress()).isNotBlank();
        assertThat(data.evidence().userAgent()).isEqualTo("JUnit-Browser/1.0");
    }

    @Test
    void necessaryMayBeGrantedButIsNotRecordedAsConsent() {
        String visitor = newVisitor();

        String receiptId = post(choice(siteId, visitor, Sites.VERSION, "[\"necessary\"]", "[\"analytics\", \"marketing\"]"))
                .then().statusCode(202)
                .body("granted", emptyIterable())
                .body("denied", contains("analytics", "marketing"))
                .extract().path("receiptId");

        CloudEvent<ConsentSubmission> event = readUntilReceipt(receiptId).stream()
                .map(r -> EventCodec.decodeSubmission(r.value())).filter(e -> e.id().equals(receiptId))
                .findFirst().orElseThrow();
        assertThat(event.data().choices()).extracting(PurposeChoice::purpose).containsExactly("analytics", "marketing");
    }

    @Test
    void afterANewPolicyVersionChoicesUnderTheOldOneAreRefused() {
        String site = Sites.create("acme");
        given().auth().oauth2(TestTokens.of("acme", "admin")).contentType(ContentType.JSON)
                .body(Sites.definition(site, "2026-02").replace("\"marketing\"", "\"ads\""))
                .when().put("/v1/admin/sites/" + site).then().statusCode(200);
        String visitor = newVisitor();

        post(choice(site, visitor, Sites.VERSION, "[\"analytics\"]", "[]"))
                .then().statusCode(409).contentType(PROBLEM).body("field", equalTo("policyVersion"));
        post(choice(site, visitor, "2026-02", "[\"analytics\"]", "[\"ads\"]"))
                .then().statusCode(202).body("policyVersion", equalTo("2026-02"));
    }

    @Test
    void noTokenIsNeededButABrokenOneIsRefused() {
        given().auth().oauth2("not-a-jwt").contentType(ContentType.JSON).body(validChoice(newVisitor()))
                .when().post("/v1/choices").then().statusCode(401);
        post(validChoice(newVisitor())).then().statusCode(202);
    }

    @Nested
    class BadInput {

        private void assertRefused(Response response, int status, String field) {
            response.then().statusCode(status).contentType(PROBLEM)
                    .body("status", equalTo(status))
                    .body("field", equalTo(field))
                    .body("detail", notNullValue())
                    .body("receiptId", org.hamcrest.Matchers.nullValue());
        }

        @Test
        void malformedJsonIsRefusedAndNothingIsPublished() {
            String visitor = newVisitor();

            // a comma missing between two members
            assertRefused(post(validChoice(visitor).replace("\"language\": \"en\",", "\"language\": \"en\"")), 400,
                    "body");
            assertNothingPublishedFor(visitor);
        }

        @Test
        void aCategoryListGivenTwiceIsRefusedNamingItAndNothingIsPublished() {
            String visitor = newVisitor();

            // marketing granted, then not: which one the visitor meant is not for the gateway to guess
            Response refused = post(choice(siteId, visitor, Sites.VERSION, "[\"marketing\"]", "[]")
                    .replace("\"denied\": []", "\"denied\": [], \"granted\": []"));

            assertRefused(refused, 400, "granted");
            refused.then().body("type", org.hamcrest.Matchers.endsWith("duplicate-field"))
                    .body("detail", org.hamcrest.Matchers.containsString("given twice"));
            assertNothingPublishedFor(visitor);
        }

        @Test
        void aMissingVisitorIdIsNamed() {
            assertRefused(post("""
                    {"siteId": "%s", "policyVersion": "%s", "language": "en", "granted": ["analytics"], "denied": []}"""
                    .formatted(siteId, Sites.VERSION)), 400, "visitorId");
        }

        @Test
        void aMissingListIsNamedAndNothingIsPublished() {
            String visitor = newVisitor();

            assertRefused(post("""
                    {"siteId": "%s", "visitorId": "%s", "policyVersion": "%s", "language": "en", "granted": ["analytics"]}"""
                    .formatted(siteId, visitor, Sites.VERSION)), 400, "denied");
            assertNothingPublishedFor(visitor);
        }

        @Test
        void aWrongTypeIsNamedAndNothingIsPublished() {
            String visitor = newVisitor();

            assertRefused(post(choice(siteId, visitor, Sites.VERSION, "5", "[]")), 400, "granted");
            assertNothingPublishedFor(visitor);
        }

        @Test
        void anEmptyBodyIsRefused() {
            given().contentType(ContentType.JSON).when().post("/v1/choices")
                    .then().statusCode(400).contentType(PROBLEM);
        }

        @Test
        void anUnknownSiteIsRefusedAndNothingIsPublished() {
            String visitor = newVisitor();

            assertRefused(post(choice("no-such-site", visitor, Sites.VERSION, "[\"analytics\"]", "[]")), 400, "siteId");
            assertRefused(post(choice("../../etc/passwd", visitor, Sites.VERSION, "[\"analytics\"]", "[]")), 400, "siteId");
            assertNothingPublishedFor(visitor);
        }

        @Test
        void anInvalidVisitorIdIsNamed() {
            assertRefused(post(choice(siteId, "short", Sites.VERSION, "[\"analytics\"]", "[]")), 400, "visitorId");
        }

        @Test
        void anInvalidLanguageIsNamedAndNothingIsPublished() {
            String visitor = newVisitor();

            assertRefused(post(validChoice(visitor).replace("\"language\": \"en\"", "\"language\": \"english please\"")),
                    400, "language");
            assertNothingPublishedFor(visitor);
        }

        @Test
        void deniedNecessaryIsRefusedAndNothingIsPublished() {
            String visitor = newVisitor();

            post(choice(siteId, visitor, Sites.VERSION, "[\"analytics\"]", "[\"necessary\"]"))
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("field", equalTo("denied"))
                    .body("type", equalTo("urn:consentline:problem:required-category-denied"));
            assertNothingPublishedFor(visitor);
        }

        @Test
        void aCategoryInBothListsIsRefusedAndNothingIsPublished() {
            String visitor = newVisitor();

            post(choice(siteId, visitor, Sites.VERSION, "[\"analytics\"]", "[\"analytics\"]"))
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("field", equalTo("denied"))
                    .body("type", equalTo("urn:consentline:problem:contradictory-choice"));
            assertNothingPublishedFor(visitor);
        }

        @Test
        void anUnknownCategoryIsRefusedAndNothingIsPublished() {
            String visitor = newVisitor();

            post(choice(siteId, visitor, Sites.VERSION, "[\"analytics\", \"telemetry\"]", "[]"))
                    .then().statusCode(400).contentType(PROBLEM)
                    .body("field", equalTo("granted"))
                    .body("type", equalTo("urn:consentline:problem:unknown-category"));
            assertNothingPublishedFor(visitor);
        }

        @Test
        void aStalePolicyVersionIsAConflictAndNothingIsPublished() {
            String visitor = newVisitor();

            assertRefused(post(choice(siteId, visitor, "2025-12", "[\"analytics\"]", "[]")), 409, "policyVersion");
            assertNothingPublishedFor(visitor);
        }

        @Test
        void anOversizedBodyIsRefusedAndNothingIsPublished() {
            String visitor = newVisitor();
            String padding = "\"" + "x".repeat(20_000) + "\"";

            assertRefused(post(choice(siteId, visitor, Sites.VERSION, "[\"analytics\"]", "[]")
                    .replace("\"language\"", "\"padding\": " + padding + ", \"language\"")), 413, "body");
            assertNothingPublishedFor(visitor);
        }
    }
}
