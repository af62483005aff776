package io.consentline.audit.security;

import static io.consentline.audit.TestChanges.change;
import static io.consentline.audit.TestChanges.recorded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.audit.service.CheckpointService;
import io.consentline.audit.service.RecordingService;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Tenant A can never read, export, verify, access or erase tenant B's audit log, through any API — naming B's
 * subject id or B's identifiers changes nothing — and A's calls leave B's log, its proofs and its readable data as
 * they were. (The entries list has its own tenant tests in {@code AuditEntryResourceTest.TenantIsolation}.)
 */
@QuarkusTest
class TenantIsolationTest {

    @Inject
    RecordingService recording;

    @Inject
    CheckpointService checkpoints;

    private String a;
    private String b;
    private String subjectId;
    private String visitor;
    private List<CloudEvent<ConsentChanged>> bEvents;

    @BeforeEach
    void givenTenantBWithTwoEntriesAndACheckpoint() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = "iso-a-" + run;
        b = "iso-b-" + run;
        subjectId = UUID.randomUUID().toString();
        visitor = "v-" + subjectId;
        bEvents = List.of(
                recorded(recording, change(b, subjectId, visitor, "marketing", null, ConsentStatus.GRANTED)),
                recorded(recording, change(b, subjectId, visitor, "analytics", null, ConsentStatus.GRANTED)));
        checkpoints.checkpointAll().await().atMost(Duration.ofSeconds(10));
    }

    private static RequestSpecification as(String tenant, String role) {
        return given().auth().oauth2(TestTokens.of(tenant, role));
    }

    private Map<String, String> bsVisitor() {
        return Map.of("identifierType", "visitor", "identifier", visitor);
    }

    @Test
    void aSeesNoneOfBsEntriesByAnyFilter() {
        as(a, "compliance").queryParams(bsVisitor()).when().get("/v1/audit/entries")
                .then().statusCode(200).body("entries", empty());
        as(a, "compliance").queryParam("subjectId", subjectId).when().get("/v1/audit/entries")
                .then().statusCode(200).body("entries", empty());
        as(a, "compliance").when().get("/v1/audit/entries").then().statusCode(200).body("entries", empty());
    }

    @Test
    void aExportsNoneOfBsEntriesInAnyFormat() {
        for (String format : List.of("ndjson", "csv")) {
            String all = as(a, "compliance").queryParam("format", format).when().get("/v1/audit/export")
                    .then().statusCode(200).extract().asString();
            String bySubject = as(a, "compliance").queryParam("format", format).queryParam("subjectId", subjectId)
                    .when().get("/v1/audit/export").then().statusCode(200).extract().asString();

            for (CloudEvent<ConsentChanged> event : bEvents) {
                assertThat(all).doesNotContain(event.id()).doesNotContain(subjectId);
                assertThat(bySubject).doesNotContain(event.id());
            }
        }
    }

    @Test
    void aVerifiesOnlyItsOwnChainAndSeesNoneOfBsCheckpoints() {
        as(a, "compliance").when().get("/v1/audit/verify").then().statusCode(200).body("rowsChecked", equalTo(0));
        as(a, "compliance").when().get("/v1/audit/checkpoints/latest").then().statusCode(404);
        as(b, "compliance").when().get("/v1/audit/checkpoints/latest").then().statusCode(200).body("seq", equalTo(2));
    }

    @Test
    void aCanNeitherAccessNorEraseBsSubjectAndBsLogIsUnchanged() {
        as(a, "compliance").contentType(ContentType.JSON).body(bsVisitor())
                .when().post("/v1/audit/access-requests").then().statusCode(404);
        as(a, "compliance").contentType(ContentType.JSON).body(Map.of("subjectId", subjectId))
                .when().post("/v1/audit/access-requests").then().statusCode(404);
        as(a, "admin").contentType(ContentType.JSON).body(bsVisitor())
                .when().post("/v1/audit/erasures").then().statusCode(404);
        as(a, "admin").contentType(ContentType.JSON).body(Map.of("subjectId", subjectId))
                .when().post("/v1/audit/erasures").then().statusCode(404);

        JsonPath report = as(b, "compliance").contentType(ContentType.JSON).body(bsVisitor())
                .when().post("/v1/audit/access-requests").then().statusCode(200).extract().jsonPath();
        assertThat(report.getList("entries")).hasSize(2);
        assertThat(report.getBoolean("entries[0].erased")).isFalse();
        assertThat(report.getString("entries[0].data.identifier.value")).isEqualTo(visitor);
        as(b, "compliance").when().get("/v1/audit/verify").then().statusCode(200)
                .body("valid", equalTo(true)).body("rowsChecked", equalTo(2));
        as(a, "compliance").when().get("/v1/audit/verify").then().statusCode(200).body("rowsChecked", equalTo(0));
    }
}
