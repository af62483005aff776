package io.consentline.consent.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.events.Topics;
import io.consentline.testsupport.KafkaTestClient;
import io.consentline.testsupport.LogCapture;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Phone numbers and email addresses are personal data (GDPR Art. 4(1)): they never reach the log, nor an error
 * body, whatever path a request takes — accepted, refused as bad input, conflicting, or dead-lettered from Kafka.
 * The log is captured at INFO and above (what production writes) while known numbers and addresses go through
 * every endpoint that takes them.
 */
@QuarkusTest
class PersonalDataInLogsTest {

    private static final String PHONE = "+447911123461";
    private static final String EMAIL = "leak.probe@example.org";
    private static final String BAD_PHONE = "+4479111234";
    private static final String BAD_EMAIL = "leak.probe@@example";
    /** What must never appear: the number in any format (its national significant number), the addresses. */
    private static final List<String> PERSONAL = List.of("7911123461", "4479111234", EMAIL, "leak.probe@");

    private final String tenant = "pii-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Response> errors = new ArrayList<>();
    private LogCapture log;

    @BeforeEach
    void captureTheLog() {
        log = LogCapture.start();
        as("admin").contentType(ContentType.JSON).body("{\"defaultRegion\":\"GB\",\"purposes\":[\"sales_calls\"]}")
                .when().put("/v1/admin/policy").then().statusCode(200);
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    private RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.of(tenant, role));
    }

    private Response record(String body) {
        return keep(as("agent").contentType(ContentType.JSON).body(body).when().post("/v1/consents"));
    }

    private Response keep(Response response) {
        if (response.statusCode() >= 400) {
            errors.add(response);
        }
        return response;
    }

    private static void expect(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
    }

    private static String consent(String type, String value) {
        return """
                {"identifiers":[{"type":"%s","value":"%s"}],"purposes":["sales_calls"],"channels":["%s"],
                 "status":"GRANTED"}""".formatted(type, value, "email".equals(type) ? "email" : "voice");
    }

    @Test
    void knownNumbersAndAddressesNeverReachTheLogOrAnErrorBody() {
        // accepted
        expect(record(consent("phone", PHONE)), 201);
        expect(record(consent("email", EMAIL)), 201);
        // refused as bad input
        expect(record(consent("phone", BAD_PHONE)), 400);
        expect(record(consent("email", BAD_EMAIL)), 400);
        expect(record(consent(PHONE, EMAIL)), 400);
        expect(record("{\"identifiers\":[{\"type\":\"phone\",\"value\":" + PHONE + "}]}"), 400);
        expect(record(consent("phone", PHONE).replace("\"voice\"", "\"" + EMAIL + "\"")), 400);
        expect(record(consent("phone", PHONE).replace("\"GRANTED\"", "[\"" + EMAIL + "\"]")), 400);
        // a conflict between two subjects
        record("""
                {"identifiers":[{"type":"customer","value":"crm-pii"}],"purposes":["sales_calls"],"channels":["voice"],
                 "status":"GRANTED"}""");
        expect(record("""
                {"identifiers":[{"type":"phone","value":"%s"},{"type":"customer","value":"crm-pii"}],
                 "purposes":["sales_calls"],"channels":["voice"],"status":"GRANTED"}""".formatted(PHONE)), 409);
        // checks and lookups, good and bad
        for (String phone : List.of(PHONE, BAD_PHONE, EMAIL)) {
            keep(as("dialer").queryParams(Map.of("phone", phone, "purpose", "sales_calls", "channel", "voice"))
                    .when().get("/v1/check"));
            keep(as("agent").queryParam("phone", phone).when().get("/v1/subjects"));
        }
        keep(as("agent").queryParams(Map.of("identifierType", "email", "identifier", BAD_EMAIL)).when().get("/v1/subjects"));
        keep(as("dialer").queryParams(Map.of("identifierType", PHONE, "identifier", EMAIL, "purpose", "sales_calls",
                "channel", "voice")).when().get("/v1/check"));
        // streamed uploads with good and bad lines
        String lines = String.join("\n", PHONE, BAD_PHONE, EMAIL, "{\"phone\":\"" + BAD_PHONE + "\"");
        keep(as("dialer").contentType("text/plain").queryParams(Map.of("purpose", "sales_calls", "channel", "voice"))
                .body(lines.getBytes(StandardCharsets.UTF_8)).when().post("/v1/check/bulk"));
        keep(as("dialer").contentType("text/plain").queryParams(Map.of("purpose", EMAIL, "channel", "voice"))
                .body(lines.getBytes(StandardCharsets.UTF_8)).when().post("/v1/check/bulk"));
        keep(as("admin").contentType("text/plain").body(lines.getBytes(StandardCharsets.UTF_8))
                .when().put("/v1/admin/suppression-lists/pii"));
        keep(as("admin").contentType("text/plain").queryParam("purposes", EMAIL)
                .body(lines.getBytes(StandardCharsets.UTF_8)).when().put("/v1/admin/suppression-lists/pii"));
        keep(as("admin").contentType("application/x-ndjson").body(String.join("\n",
                consent("phone", PHONE).replace("\n", "").replace("}", ",\"recordedAt\":\"2025-01-01T00:00:00Z\"}"),
                consent("phone", BAD_PHONE).replace("\n", ""),
                consent("email", BAD_EMAIL).replace("\n", ""),
                "{\"identifiers\":[{\"type\":\"phone\",\"value\":" + PHONE + "}]}")
                .getBytes(StandardCharsets.UTF_8)).when().post("/v1/consents/imports"));
        // poison from Kafka: dead-lettered, with the reason logged
        String poison = deadLettered();

        assertThat(errors).as("error answers").isNotEmpty();
        for (Response error : errors) {
            String body = error.asString();
            assertThat(PERSONAL).as("personal data in an error body: %s", body)
                    .noneMatch(p -> body.toLowerCase().contains(p.toLowerCase()));
            assertThat(body).as("stack trace in an error body").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(log.records()).as("the log of this test (it ran)").isNotEmpty()
                .anyMatch(r -> r.contains(poison) || r.contains("dead-lettering"));
        assertThat(log.recordsContainingAnyOf(PERSONAL)).as("log records with personal data").isEmpty();
    }

    /** Sends submissions that cannot be read, with personal data where a value was expected; waits for their DLQ. */
    private String deadLettered() {
        String id = UUID.randomUUID().toString();
        String wrongTypes = """
                {"specversion":"1.0","id":"%s","source":"/test","type":"consent.submission.v1",
                 "tenant":"%s","subject":"x","time":"2026-01-01T00:00:00Z","datacontenttype":"application/json",
                 "data":{"identifier":{"type":"%s","value":"%s"},"channel":"%s","source":"banner","choices":[],
                 "submittedAt":"2026-01-01T00:00:00Z"}}""".formatted(id, tenant, PHONE, EMAIL, EMAIL);
        String notJson = EMAIL + " " + PHONE;
        try (KafkaTestClient kafka = new KafkaTestClient(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.send(topic(Topics.SUBMISSIONS), tenant + "/x", notJson);
            kafka.send(topic(Topics.SUBMISSIONS), tenant + "/x", wrongTypes);
            kafka.readUntil(topic(Topics.SUBMISSIONS + ".dlq"),
                    seen -> seen.stream().anyMatch(r -> r.value().contains(id)), Duration.ofSeconds(30));
        }
        return id;
    }

    private static String topic(String name) {
        return ConfigProvider.getConfig().getOptionalValue("consentline.topic-prefix", String.class).orElse("") + name;
    }
}
