package io.consentline.audit.rest;

import static io.consentline.audit.TestChanges.change;
import static io.consentline.audit.TestChanges.recorded;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.audit.service.RecordingService;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentStatus;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Access requests (GDPR Art. 15) and erasure by crypto-shredding (Art. 17). */
@QuarkusTest
class SubjectResourceTest {

    @Inject
    RecordingService recording;

    private String tenant;
    private String subjectId;
    private String visitor;
    private List<CloudEvent<ConsentChanged>> events;

    @BeforeEach
    void givenASubjectWithTwoChanges() {
        tenant = "s-" + UUID.randomUUID().toString().substring(0, 8);
        subjectId = UUID.randomUUID().toString();
        visitor = "v-" + subjectId;
        events = List.of(
                recorded(recording, change(tenant, subjectId, visitor, "marketing", null, ConsentStatus.GRANTED)),
                recorded(recording, change(tenant, subjectId, visitor, "marketing", ConsentStatus.GRANTED,
                        ConsentStatus.DENIED)));
    }

    private RequestSpecification as(String role) {
        return given().auth().oauth2(TestTokens.of(tenant, role)).contentType(ContentType.JSON);
    }

    private JsonPath access(Map<String, String> subject) {
        return as("compliance").body(subject).when().post("/v1/audit/access-requests")
                .then().statusCode(200).extract().jsonPath();
    }

    private Map<String, String> byVisitor() {
        return Map.of("identifierType", "visitor", "identifier", visitor);
    }

    @Test
    void anAccessRequestAnswersEverythingDecryptedWithTheChainProofOfEachEntry() throws Exception {
        JsonPath report = access(byVisitor());

        assertThat(report.getList("entries")).hasSize(2);
        assertThat(report.getString("entries[0].entry.eventId")).isEqualTo(events.get(0).id());
        assertThat(report.getString("entries[0].data.identifier.value")).isEqualTo(visitor);
        assertThat(report.getString("entries[0].data.evidence.ipAddress")).isEqualTo("203.0.113.7");
        assertThat(report.getBoolean("entries[0].erased")).isFalse();
        // the proof: hash = SHA-256(prevHash || canonical), and the second entry follows the first
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(HexFormat.of().parseHex(report.getString("entries[1].proof.prevHash")));
        byte[] hash = sha256.digest(Base64.getDecoder().decode(report.getString("entries[1].proof.canonical")));
        assertThat(HexFormat.of().formatHex(hash)).isEqualTo(report.getString("entries[1].proof.hash"));
        assertThat(report.getString("entries[1].proof.prevHash")).isEqualTo(report.getString("entries[0].proof.hash"));
    }

    @Test
    void aSubjectIsAlsoFoundBySubjectId() {
        assertThat(access(Map.of("subjectId", subjectId)).getList("entries")).hasSize(2);
    }

    @Test
    void erasureShredsTheKeySoEntriesStayVerifiableButNoLongerRevealWho() {
        String erasureId = as("admin").body(byVisitor()).when().post("/v1/audit/erasures")
                .then().statusCode(200).body("keysErased", equalTo(1)).body("entryEventIds", hasSize(1))
                .extract().path("entryEventIds[0]");

        assertThat(java.util.UUID.fromString(erasureId).version()).as("a time-ordered id (EventIds)").isEqualTo(7);
        JsonPath report = access(byVisitor());
        assertThat(report.getList("entries")).hasSize(3);
        assertThat(report.getBoolean("entries[0].erased")).isTrue();
        assertThat(report.getString("entries[0].data")).isNull();
        assertThat(report.getString("entries[0].entry.after")).isEqualTo("GRANTED");
        assertThat(report.getString("entries[0].entry.occurredAt")).isNotNull();
        assertThat(report.getString("entries[2].entry.type")).isEqualTo("erasure");
        assertThat(report.getString("entries[2].entry.facts.requestedBy")).isNotNull();
        given().auth().oauth2(TestTokens.of(tenant, "compliance")).when().get("/v1/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true)).body("rowsChecked", equalTo(3));
    }

    @Test
    void anEntryRecordedAfterTheErasureIsReadableAgain() {
        as("admin").body(byVisitor()).when().post("/v1/audit/erasures").then().statusCode(200);
        CloudEvent<ConsentChanged> later = recorded(recording, change(tenant, subjectId, visitor, "analytics", null,
                ConsentStatus.GRANTED));

        JsonPath report = access(byVisitor());

        assertThat(report.getString("entries[3].entry.eventId")).isEqualTo(later.id());
        assertThat(report.getString("entries[3].data.identifier.value")).isEqualTo(visitor);
        assertThat(report.getBoolean("entries[0].erased")).isTrue();
    }

    @Nested
    class Refusals {

        @Test
        void anUnknownSubjectIs404() {
            as("compliance").body(Map.of("identifierType", "visitor", "identifier", "v-nobody"))
                    .when().post("/v1/audit/access-requests")
                    .then().statusCode(404).contentType("application/problem+json")
                    .body("type", equalTo("urn:consentline:problem:unknown-subject"));
            as("admin").body(Map.of("subjectId", "nobody")).when().post("/v1/audit/erasures")
                    .then().statusCode(404).contentType("application/problem+json");
        }

        @Test
        void aRequestWithoutASubjectNamesTheField() {
            as("compliance").body(Map.of()).when().post("/v1/audit/access-requests")
                    .then().statusCode(400).body("field", equalTo("identifier"));
            as("compliance").body(Map.of("identifierType", "passport", "identifier", "x"))
                    .when().post("/v1/audit/access-requests").then().statusCode(400)
                    .body("field", equalTo("identifierType"));
            as("admin").body("{").when().post("/v1/audit/erasures").then().statusCode(400)
                    .contentType("application/problem+json");
        }

        @Test
        void anErasureThatNamesItsSubjectTwiceErasesNobody() {
            String twice = """
                    {"identifierType": "visitor", "identifier": "%s", "identifier": "v-someone-else"}"""
                    .formatted(visitor);

            as("admin").body(twice).when().post("/v1/audit/erasures").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("identifier"))
                    .body("type", equalTo("urn:consentline:problem:duplicate-field"));
            as("compliance").body(twice).when().post("/v1/audit/access-requests").then().statusCode(400)
                    .body("field", equalTo("identifier"));
            assertThat(access(byVisitor()).getBoolean("entries[0].erased")).isFalse();
        }

        @Test
        void accessIsForComplianceAndErasureForAdmins() {
            as("admin").body(byVisitor()).when().post("/v1/audit/access-requests").then().statusCode(403);
            as("compliance").body(byVisitor()).when().post("/v1/audit/erasures").then().statusCode(403);
            given().contentType(ContentType.JSON).body(byVisitor()).when().post("/v1/audit/erasures")
                    .then().statusCode(401);
        }

        @Test
        void anotherTenantFindsNothingToAccessOrErase() {
            given().auth().oauth2(TestTokens.of("other", "compliance")).contentType(ContentType.JSON)
                    .body(byVisitor()).when().post("/v1/audit/access-requests").then().statusCode(404);
            given().auth().oauth2(TestTokens.of("other", "admin")).contentType(ContentType.JSON)
                    .body(Map.of("subjectId", subjectId)).when().post("/v1/audit/erasures").then().statusCode(404);
            assertThat(access(byVisitor()).getBoolean("entries[0].erased")).isFalse();
        }
    }
}
