package io.consentline.audit.security;

import static io.consentline.audit.TestChanges.recorded;
import static io.consentline.audit.TestChanges.topic;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.audit.service.RecordingService;
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
import io.consentline.events.Topics;
import io.consentline.testsupport.KafkaTestClient;
import io.consentline.testsupport.LogCapture;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * The audit log holds personal data encrypted; none of it reaches the service's log or an error body — on
 * queries, exports, access requests and erasures by phone or email (found, unknown or invalid), nor when an
 * unreadable event carrying them is dead-lettered. The log is captured at INFO and above (what production writes).
 */
@QuarkusTest
class PersonalDataInLogsTest {

    private static final String PHONE = "+447911123462";
    private static final String EMAIL = "leak.probe@example.org";
    private static final String BAD_PHONE = "+4479111234";
    private static final List<String> PERSONAL = List.of("7911123462", "4479111234", "leak.probe");

    @Inject
    RecordingService recording;

    private final String tenant = "pii-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Response> errors = new ArrayList<>();
    private LogCapture log;

    @BeforeEach
    void captureTheLog() {
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    private RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.of(tenant, role));
    }

    private Response keep(Response response) {
        if (response.statusCode() >= 400) {
            errors.add(response);
        }
        return response;
    }

    private CloudEvent<ConsentChanged> change(Identifier identifier) {
        String subjectId = UUID.randomUUID().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ConsentChanged data = new ConsentChanged(subjectId, identifier, "marketing", Channel.SMS, null,
                ConsentStatus.GRANTED, ConsentSource.API, "2026-01", "sha256:policy",
                Evidence.ofBanner("site-1", "203.0.113.7", "JUnit"), at, "submission-" + UUID.randomUUID());
        return CloudEvent.of(UUID.randomUUID().toString(), "/consent-service", EventTypes.CHANGED, tenant, subjectId,
                at, data);
    }

    @Test
    void knownNumbersAndAddressesNeverReachTheLogOrAnErrorBody() {
        recorded(recording, change(new Identifier(IdentifierType.PHONE, PHONE)));
        recorded(recording, change(new Identifier(IdentifierType.EMAIL, EMAIL)));
        for (Map<String, String> subject : List.of(Map.of("identifierType", "phone", "identifier", PHONE),
                Map.of("identifierType", "phone", "identifier", BAD_PHONE),
                Map.of("identifierType", "email", "identifier", EMAIL),
                Map.of("identifierType", "email", "identifier", "leak.probe@@example"),
                Map.of("identifierType", PHONE, "identifier", EMAIL),
                Map.of("identifierType", "phone", "identifier", "+447911123463"))) {
            keep(as("compliance").queryParams(subject).when().get("/v1/audit/entries"));
            keep(as("compliance").queryParams(subject).when().get("/v1/audit/export"));
            keep(as("compliance").contentType(ContentType.JSON).body(subject).when().post("/v1/audit/access-requests"));
        }
        keep(as("admin").contentType(ContentType.JSON)
                .body(Map.of("identifierType", "phone", "identifier", "+447911123463"))
                .when().post("/v1/audit/erasures"));
        keep(as("admin").contentType(ContentType.JSON).body("{\"identifier\": " + PHONE + "}")
                .when().post("/v1/audit/erasures"));
        keep(as("compliance").queryParams(Map.of("subjectId", PHONE, "purpose", EMAIL)).when().get("/v1/audit/entries"));
        String poison = deadLettered();

        assertThat(errors).as("error answers").hasSizeGreaterThan(5);
        for (Response error : errors) {
            String body = error.asString();
            assertThat(PERSONAL).as("personal data in an error body: %s", body).noneMatch(body::contains);
            assertThat(body).as("stack trace in an error body").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(log.records()).as("the dead-lettering was logged").anyMatch(r -> r.contains("dead-lettering"));
        assertThat(log.recordsContainingAnyOf(PERSONAL)).as("log records with personal data").isEmpty();
        assertThat(poison).isNotBlank();
    }

    /** Unreadable changes with personal data where values were expected: dead-lettered, with the reason logged. */
    private String deadLettered() {
        CloudEvent<ConsentChanged> event = change(new Identifier(IdentifierType.PHONE, PHONE));
        String wrongEnum = EventCodec.encode(event).replace("\"channel\":\"sms\"", "\"channel\":\"" + PHONE + "\"");
        String notJson = EMAIL + " " + PHONE + " " + UUID.randomUUID();
        try (KafkaTestClient kafka = new KafkaTestClient(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            kafka.send(topic(Topics.CHANGES), event.partitionKey(), notJson);
            kafka.send(topic(Topics.CHANGES), event.partitionKey(), wrongEnum);
            kafka.readUntil(topic(Topics.CHANGES + ".dlq"),
                    seen -> seen.stream().anyMatch(r -> r.value().contains(event.id())), Duration.ofSeconds(30));
        }
        return event.id();
    }
}
