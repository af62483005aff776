package io.consentline.audit.rest;

import static io.consentline.audit.TestChanges.recorded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.audit.TestChanges;
import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.ReceivedEvent;
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
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/** The list's filters, and the streamed export with the same filters. */
@QuarkusTest
class ExportAndFiltersTest {

    private static final Instant T0 = Instant.parse("2026-01-10T00:00:00Z");

    @Inject
    RecordingService recording;

    private String tenant;
    private List<CloudEvent<ConsentChanged>> events;

    private CloudEvent<ConsentChanged> event(String purpose, Channel channel, ConsentSource source, Instant at) {
        String subject = UUID.randomUUID().toString();
        ConsentChanged data = new ConsentChanged(subject, new Identifier(IdentifierType.CUSTOMER, "c-" + subject),
                purpose, channel, null, ConsentStatus.GRANTED, source, "2026-01", null,
                Evidence.ofAgent("agent, \"7\"", null), at, "req-1");
        return CloudEvent.of(UUID.randomUUID().toString(), "/consent-service", EventTypes.CHANGED, tenant, subject,
                at, data);
    }

    @BeforeEach
    void givenFourChangesOverThreeDays() {
        tenant = "x-" + UUID.randomUUID().toString().substring(0, 8);
        events = List.of(
                recorded(recording, event("marketing", Channel.SMS, ConsentSource.AGENT, T0)),
                recorded(recording, event("marketing", Channel.VOICE, ConsentSource.AGENT, T0.plus(1, ChronoUnit.DAYS))),
                recorded(recording, event("analytics", Channel.WEB, ConsentSource.BANNER, T0.plus(1, ChronoUnit.DAYS))),
                recorded(recording, event("marketing", Channel.SMS, ConsentSource.IMPORT, T0.plus(2, ChronoUnit.DAYS))));
    }

    private RequestSpecification compliance() {
        return given().auth().oauth2(TestTokens.of(tenant, "compliance"));
    }

    private String id(int i) {
        return events.get(i).id();
    }

    @Test
    void filtersCombine() {
        compliance().queryParam("purpose", "marketing").queryParam("channel", "sms")
                .when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries.eventId", contains(id(0), id(3)));
        compliance().queryParam("source", "banner").when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries.eventId", contains(id(2)));
        compliance().queryParam("from", T0.plus(1, ChronoUnit.DAYS).toString())
                .queryParam("to", T0.plus(2, ChronoUnit.DAYS).toString())
                .when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries.eventId", contains(id(1), id(2)));
        compliance().queryParam("type", "submission").when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries", empty());
    }

    @Test
    void theWholeLogIsPagedInAStableOrder() {
        String cursor = compliance().queryParam("limit", 3).when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries.eventId", contains(id(0), id(1), id(2))).extract().path("nextCursor");
        compliance().queryParam("limit", 3).queryParam("after", cursor).when().get("/v1/audit/entries")
                .then().statusCode(200).body("entries.eventId", contains(id(3))).body("nextCursor", equalTo(null));
    }

    @Test
    void anNdjsonExportHasOneEntryPerLineWithTheFilters() {
        String body = compliance().queryParam("purpose", "marketing").when().get("/v1/audit/export")
                .then().statusCode(200).contentType("application/x-ndjson").extract().asString();

        List<String> lines = body.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines).extracting(l -> new JsonObject(l).getString("eventId")).containsExactly(id(0), id(1), id(3));
    }

    @Test
    void aCsvExportHasAHeaderAndOneQuotedRowPerEntry() {
        String body = compliance().queryParam("format", "csv").queryParam("channel", "sms")
                .when().get("/v1/audit/export").then().statusCode(200).contentType("text/csv").extract().asString();

        List<String> lines = body.lines().toList();
        assertThat(lines.get(0)).startsWith("seq,eventId,type,occurredAt");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(id(0)).contains("2026-01-10T00:00:00Z").contains(",change,");
    }

    @Test
    void anExportLongerThanOneReadIsStreamedWholeAndInOrder() {
        int count = 2 * 1000 + 17;
        List<ReceivedEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            CloudEvent<ConsentChanged> e = event("analytics", Channel.EMAIL, ConsentSource.IMPORT, T0.plusSeconds(i));
            batch.add(new ReceivedEvent(new LogPosition(TestChanges.topic(Topics.CHANGES), 0, i), e.partitionKey(),
                    EventCodec.encode(e)));
        }
        recording.record(batch).await().atMost(java.time.Duration.ofSeconds(60));

        List<String> lines = compliance().queryParam("format", "csv").queryParam("channel", "email")
                .when().get("/v1/audit/export").then().statusCode(200).extract().asString().lines().toList();

        assertThat(lines).hasSize(count + 1);
        List<Long> seqs = lines.subList(1, lines.size()).stream().map(l -> Long.parseLong(l.split(",")[0])).toList();
        assertThat(seqs).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anExportOfBadFiltersIsAProblem() {
        compliance().queryParam("format", "xlsx").when().get("/v1/audit/export")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("format"));
        compliance().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .when().get("/v1/audit/export")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("to"));
        given().auth().oauth2(TestTokens.of(tenant, "agent")).when().get("/v1/audit/export").then().statusCode(403);
    }

    @Test
    void anotherTenantsExportHasNoneOfTheseEntries() {
        String body = given().auth().oauth2(TestTokens.of("y-" + tenant.substring(2), "compliance"))
                .when().get("/v1/audit/export").then().statusCode(200).extract().asString();
        assertThat(body).isEmpty();
    }
}
