package io.consentline.consent.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Tenant A can never read, check or change tenant B's data through any API of consent-service: B's consents,
 * suppression lists and policy are invisible to A, and every call A makes — even naming B's numbers and B's list
 * names — leaves B's answers exactly as they were. The tenant comes from the token only.
 */
@QuarkusTest
class TenantIsolationTest {

    private static final String NOON = "2026-11-23T12:00:00Z";
    /** B has a grant for this number. */
    private static final String GRANTED = "+447911123456";
    /** B has a grant for this number, and lists it on its do-not-call list. */
    private static final String LISTED = "+447911123457";
    private static final String B_POLICY = "{\"defaultRegion\":\"GB\",\"purposes\":[\"marketing\",\"sales_calls\"]}";

    private String a;
    private String b;

    @BeforeEach
    void givenTenantBWithConsentsAListAndAPolicy() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = "iso-a-" + run;
        b = "iso-b-" + run;
        as(b, "admin").contentType(ContentType.JSON).body(B_POLICY).when().put("/v1/admin/policy")
                .then().statusCode(200);
        for (String phone : List.of(GRANTED, LISTED)) {
            as(b, "agent").contentType(ContentType.JSON).body(consent(phone, "GRANTED"))
                    .when().post("/v1/consents").then().statusCode(201);
        }
        as(b, "admin").contentType("text/plain").queryParam("purposes", "sales_calls").body(LISTED + "\n")
                .when().put("/v1/admin/suppression-lists/dnc").then().statusCode(200);
        // A uses the same purposes, so its calls below are valid and really reach the data
        as(a, "admin").contentType(ContentType.JSON).body(B_POLICY).when().put("/v1/admin/policy")
                .then().statusCode(200);
    }

    private static RequestSpecification as(String tenant, String role) {
        return given().auth().oauth2(TestTokens.of(tenant, role));
    }

    private static String consent(String phone, String status) {
        return """
                {"identifiers":[{"type":"phone","value":"%s"}],"purposes":["sales_calls"],"channels":["voice"],
                 "status":"%s"}""".formatted(phone, status);
    }

    private static ValidatableResponse check(String tenant, String phone) {
        return as(tenant, "dialer").queryParams(Map.of("phone", phone, "purpose", "sales_calls", "channel", "voice",
                "at", NOON)).when().get("/v1/check").then().statusCode(200);
    }

    private static String bulk(String tenant, String... phones) {
        return as(tenant, "dialer").contentType("text/plain")
                .queryParams(Map.of("purpose", "sales_calls", "channel", "voice", "at", NOON))
                .body(String.join("\n", phones).getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/check/bulk").then().statusCode(200).extract().asString();
    }

    /** What B sees of its own data: must be the same before and after anything A does. */
    private void assertBUnchanged() {
        check(b, GRANTED).body("decision", equalTo("ALLOW"));
        check(b, LISTED).body("decision", equalTo("DENY")).body("reasons", contains("SUPPRESSED"))
                .body("suppressedBy", contains("dnc"));
        as(b, "agent").queryParam("phone", GRANTED).when().get("/v1/subjects")
                .then().statusCode(200).body("history", hasSize(1)).body("history[0].status", equalTo("GRANTED"));
        as(b, "admin").when().get("/v1/admin/suppression-lists")
                .then().statusCode(200).body("name", contains("dnc")).body("[0].size", equalTo(1))
                .body("[0].purposes", contains("sales_calls"));
        as(b, "admin").when().get("/v1/admin/policy")
                .then().statusCode(200).body("defaultRegion", equalTo("GB"))
                .body("purposes", contains("marketing", "sales_calls"));
    }

    @Nested
    class TenantACannotSee {

        @Test
        void bsSubjects() {
            as(a, "agent").queryParam("phone", GRANTED).when().get("/v1/subjects").then().statusCode(404);
            as(a, "compliance").queryParam("phone", LISTED).when().get("/v1/subjects").then().statusCode(404);
        }

        @Test
        void bsConsentsInASingleCheck() {
            check(a, GRANTED).body("decision", equalTo("DENY")).body("reasons", contains("NO_CONSENT"));
        }

        @Test
        void bsConsentsOrListsInABulkCheck() {
            String answer = bulk(a, GRANTED, LISTED);

            List<String> lines = answer.lines().toList();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).contains("\"DENY\"").contains("NO_CONSENT").doesNotContain("SUPPRESSED");
            assertThat(lines.get(1)).contains("\"DENY\"").contains("NO_CONSENT").doesNotContain("dnc");
            assertThat(lines.get(2)).contains("\"allowed\":0");
        }

        @Test
        void bsSuppressionLists() {
            as(a, "admin").when().get("/v1/admin/suppression-lists").then().statusCode(200).body("$", empty());
        }

        @Test
        void bsPolicy() {
            as(b, "admin").contentType(ContentType.JSON)
                    .body("{\"defaultRegion\":\"US\",\"purposes\":[\"marketing\",\"sales_calls\",\"surveys\"]}")
                    .when().put("/v1/admin/policy").then().statusCode(200);

            as(a, "admin").when().get("/v1/admin/policy").then().statusCode(200)
                    .body("defaultRegion", equalTo("GB")).body("purposes", contains("marketing", "sales_calls"));
        }
    }

    @Nested
    class TenantACannotChange {

        @Test
        void bsConsentsByRecordingForTheSameNumbers() {
            for (String phone : List.of(GRANTED, LISTED)) {
                as(a, "agent").contentType(ContentType.JSON).body(consent(phone, "DENIED"))
                        .when().post("/v1/consents").then().statusCode(201);
            }

            check(a, GRANTED).body("decision", equalTo("DENY")).body("reasons", contains("OPTED_OUT"));
            assertBUnchanged();
        }

        @Test
        void bsConsentsByImportingTheSameNumbers() {
            String line = """
                    {"identifiers":[{"type":"phone","value":"%s"}],"purposes":["sales_calls"],"channels":["voice"],\
                    "status":"DENIED","recordedAt":"2026-01-01T00:00:00Z"}""";
            String answer = as(a, "admin").contentType("application/x-ndjson")
                    .body((line.formatted(GRANTED) + "\n" + line.formatted(LISTED)).getBytes(StandardCharsets.UTF_8))
                    .when().post("/v1/consents/imports").then().statusCode(200).extract().asString();

            assertThat(answer).contains("\"imported\":2");
            assertBUnchanged();
        }

        @Test
        void bsListByReplacingOrDeletingAListOfTheSameName() {
            as(a, "admin").contentType("text/plain").body(GRANTED + "\n")
                    .when().put("/v1/admin/suppression-lists/dnc").then().statusCode(200);
            check(a, GRANTED).body("reasons", hasItem("SUPPRESSED"));
            assertBUnchanged();

            as(a, "admin").when().delete("/v1/admin/suppression-lists/dnc").then().statusCode(204);
            as(a, "admin").when().delete("/v1/admin/suppression-lists/dnc").then().statusCode(404);
            assertBUnchanged();
        }

        @Test
        void bsPolicyByReplacingItsOwn() {
            as(a, "admin").contentType(ContentType.JSON)
                    .body("{\"defaultRegion\":\"US\",\"purposes\":[\"surveys\"]}")
                    .when().put("/v1/admin/policy").then().statusCode(200);

            assertBUnchanged();
        }

        @Test
        void anythingByNamingBInTheRequest() {
            as(a, "agent").contentType(ContentType.JSON).queryParam("tenant", b).header("X-Tenant", b)
                    .body(consent(GRANTED, "DENIED").replace("\"status\"", "\"tenant\":\"" + b + "\",\"status\""))
                    .when().post("/v1/consents").then().statusCode(either(equalTo(201)).or(equalTo(400)));
            as(a, "compliance").queryParam("phone", LISTED).queryParam("tenant", b).header("X-Tenant", b)
                    .when().get("/v1/subjects").then().statusCode(404);

            assertBUnchanged();
        }
    }
}
