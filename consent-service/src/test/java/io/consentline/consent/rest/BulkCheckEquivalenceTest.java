package io.consentline.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * A bulk check answers every number exactly as the single check answers it (decision, reasons, next allowed
 * instant, suppressing lists; the same refusal for a number the single check refuses), in input order, over
 * enough lines that several batches are in flight at once.
 */
@QuarkusTest
class BulkCheckEquivalenceTest {

    private static final String NOON = "2026-11-23T12:00:00Z";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every kind of answer: grants, refusals, a STOP, a listed number, other zones, national format, invalid. */
    private static final List<String> NUMBERS = List.of("+447911123456", "07911 123456", "+447911123457",
            "+447911123458", "+447911123459", "+447911000000", "+12015550123", "+12015550124", "+112015550123",
            "+61293744000", "+390612345678", "+44 20 7946 0018", "12", "+1 000 000 0000", "call me", "+4479111234",
            "+80012345678", "+999123456789");
    /** More lines than the batches that can be in flight at once (2,000 numbers × 3). */
    private static final int LINES = 7_321;

    private String tenant;

    @BeforeEach
    void tenantWithGrantsRefusalsAndAList() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"defaultRegion\":\"GB\",\"purposes\":[\"marketing\",\"sales_calls\"]}")
                .when().put("/v1/admin/policy").then().statusCode(200);
        record("+447911123456", "sales_calls", "GRANTED");
        record("+447911123457", "sales_calls", "GRANTED");
        record("+447911123458", "sales_calls", "DENIED");
        record("+447911123459", "sales_calls", "GRANTED");
        record("+447911123459", "*", "DENIED");
        record("+12015550123", "sales_calls", "GRANTED");
        record("+61293744000", "sales_calls", "GRANTED");
        given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType("text/plain")
                .queryParam("purposes", "sales_calls").body("+447911123457\n+12015550124\n")
                .when().put("/v1/admin/suppression-lists/national-dnc").then().statusCode(200);
    }

    @Test
    void everyLineIsAnsweredAsTheSingleCheckAnswersItAndInOrder() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < LINES; i++) {
            body.append(NUMBERS.get(i % NUMBERS.size())).append('\n');
        }
        Map<String, JsonNode> single = new HashMap<>();
        for (String number : NUMBERS) {
            single.put(number, single(number));
        }

        List<String> lines = given().auth().oauth2(TestTokens.of(tenant, "dialer")).contentType("text/plain")
                .queryParams(Map.of("purpose", "sales_calls", "channel", "voice", "at", NOON))
                .body(body.toString().getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/check/bulk").then().statusCode(200).extract().asString().lines().toList();

        assertThat(lines).hasSize(LINES + 1);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            JsonNode answer = JSON.readTree(lines.get(i));
            assertThat(answer.get("line").asLong()).as("answers in input order").isEqualTo(i + 1);
            String number = NUMBERS.get(i % NUMBERS.size());
            ObjectNode bulk = ((ObjectNode) answer).deepCopy();
            bulk.remove("line");
            bulk.remove("phone");
            if (!bulk.equals(single.get(number))) {
                mismatches.add(number + ": bulk " + bulk + " single " + single.get(number));
            }
        }
        assertThat(mismatches).isEmpty();
        JsonNode trailer = JSON.readTree(lines.get(LINES)).get("trailer");
        assertThat(trailer.get("count").asLong()).isEqualTo(LINES);
        assertThat(trailer.get("allowed").asLong() + trailer.get("denied").asLong() + trailer.get("errors").asLong())
                .isEqualTo(LINES);
    }

    /** The single check's answer, in the bulk answer's fields: a refusal becomes {error: the problem's detail}. */
    private JsonNode single(String number) throws Exception {
        Response response = given().auth().oauth2(TestTokens.of(tenant, "dialer"))
                .queryParams(Map.of("phone", number, "purpose", "sales_calls", "channel", "voice", "at", NOON))
                .when().get("/v1/check");
        JsonNode body = JSON.readTree(response.asString());
        ObjectNode expected = JSON.createObjectNode();
        if (response.statusCode() == 400) {
            expected.put("error", body.get("detail").asText());
            return expected;
        }
        assertThat(response.statusCode()).as(number).isEqualTo(200);
        for (String field : List.of("decision", "reasons", "nextAllowedAt", "suppressedBy")) {
            if (body.has(field)) {
                expected.set(field, body.get(field));
            }
        }
        return expected;
    }

    private void record(String phone, String purpose, String status) {
        given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON)
                .body("""
                        {"identifiers":[{"type":"phone","value":"%s"}],"purposes":["%s"],
                         "channels":["voice"],"status":"%s"}""".formatted(phone, purpose, status))
                .when().post("/v1/consents").then().statusCode(201);
    }
}
