package io.consentline.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ConsentImportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private String tenant;

    @BeforeEach
    void newTenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"defaultRegion\":\"GB\",\"purposes\":[\"marketing\",\"sales_calls\"]}")
                .when().put("/v1/admin/policy").then().statusCode(200);
    }

    private List<JsonNode> importLines(String... lines) throws Exception {
        String answer = given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType("application/x-ndjson")
                .body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/consents/imports").then().statusCode(200).extract().asString();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : answer.lines().toList()) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }

    @Test
    void importedHistoryIsRecordedWithItsInstantAndNeverOverridesANewerDecision() throws Exception {
        List<JsonNode> answer = importLines(
                """
                {"identifiers":[{"type":"phone","value":"07911 123456"}],"purposes":["marketing"],"channels":["sms"],\
                "status":"DENIED","recordedAt":"2026-03-01T10:00:00Z","idempotencyKey":"legacy-2"}""",
                """
                {"identifiers":[{"type":"phone","value":"+447911123456"}],"purposes":["marketing"],"channels":["sms"],\
                "status":"GRANTED","recordedAt":"2025-01-01T10:00:00Z","idempotencyKey":"legacy-1"}""",
                "{\"identifiers\":[{\"type\":\"phone\",\"value\":\"12\"}],\"purposes\":[\"marketing\"],"
                        + "\"channels\":[\"sms\"],\"status\":\"GRANTED\",\"recordedAt\":\"2025-01-01T10:00:00Z\"}",
                "{\"identifiers\":[],\"purposes\":[\"marketing\"]}",
                "not json");

        assertThat(answer).hasSize(6);
        assertThat(answer.get(0).get("records").asInt()).isEqualTo(1);
        assertThat(answer.get(1).get("records").asInt()).isEqualTo(1);
        assertThat(answer.get(2).get("field").asText()).isEqualTo("identifiers[0].value");
        assertThat(answer.get(3).get("field").asText()).isNotBlank();
        assertThat(answer.get(4).get("field").asText()).isEqualTo("line");
        assertThat(answer.get(5).get("summary").get("imported").asInt()).isEqualTo(2);
        assertThat(answer.get(5).get("summary").get("failed").asInt()).isEqualTo(3);

        given().auth().oauth2(TestTokens.of(tenant, "dialer"))
                .queryParams(Map.of("phone", "+447911123456", "purpose", "marketing", "channel", "sms",
                        "at", "2026-11-23T12:00:00Z"))
                .when().get("/v1/check").then().statusCode(200).body("decision", equalTo("DENY"))
                .body("reasons[0]", equalTo("OPTED_OUT"));
        given().auth().oauth2(TestTokens.of(tenant, "agent")).queryParam("phone", "+447911123456")
                .when().get("/v1/subjects").then().statusCode(200)
                .body("history", hasSize(2))
                .body("history.find { it.status == 'GRANTED' }.source", equalTo("import"))
                .body("history.find { it.status == 'GRANTED' }.recordedAt", equalTo("2025-01-01T10:00:00Z"));
    }

    @Test
    void reRunningAnImportWithIdempotencyKeysRecordsNothingTwice() throws Exception {
        String line = """
                {"identifiers":[{"type":"customer","value":"crm-9"}],"purposes":["sales_calls"],"channels":["voice"],\
                "status":"GRANTED","recordedAt":"2025-06-01T09:00:00Z","idempotencyKey":"legacy-9"}""";
        importLines(line);

        List<JsonNode> again = importLines(line);

        assertThat(again.get(0).get("replayed").asBoolean()).isTrue();
        given().auth().oauth2(TestTokens.of(tenant, "agent"))
                .queryParams(Map.of("identifierType", "customer", "identifier", "crm-9"))
                .when().get("/v1/subjects").then().statusCode(200).body("history", hasSize(1));
    }

    @Test
    void onlyAdminsImport() {
        given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType("application/x-ndjson").body("{}".getBytes())
                .when().post("/v1/consents/imports").then().statusCode(403);
    }
}
