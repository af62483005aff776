package io.consentline.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Fail closed: when the consent state cannot be read, a dialer gets 503, never ALLOW; an agent recording consent
 * gets 503 (never a 500), so the client retries with the same Idempotency-Key.
 */
@QuarkusTest
@TestProfile(CheckWhenStateIsUnavailableTest.DatabaseUnreachable.class)
class CheckWhenStateIsUnavailableTest {

    /** The service's database is a closed port. */
    public static class DatabaseUnreachable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.reactive.url", "postgresql://localhost:1/nothing",
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:1/nothing",
                    "quarkus.flyway.migrate-at-start", "false");
        }
    }

    @Test
    void aCheckAnswers503NeverAllow() {
        given().auth().oauth2(TestTokens.of("acme", "dialer"))
                .queryParams(Map.of("phone", "+447911123456", "purpose", "marketing", "channel", "voice"))
                .when().get("/v1/check")
                .then().statusCode(503).contentType("application/problem+json")
                .body("decision", not(equalTo("ALLOW")))
                .body("type", equalTo("urn:consentline:problem:unavailable"));
    }

    @Test
    void aBulkCheckAnswers503BeforeAnythingStreams() {
        given().auth().oauth2(TestTokens.of("acme", "dialer")).contentType("text/plain")
                .queryParams(Map.of("purpose", "marketing", "channel", "voice")).body("+447911123456".getBytes())
                .when().post("/v1/check/bulk")
                .then().statusCode(503).contentType("application/problem+json");
    }

    @Test
    void recordingConsentAnswers503SoTheAgentRetriesWithTheSameKey() {
        given().auth().oauth2(TestTokens.of("acme", "agent")).contentType("application/json")
                .header("Idempotency-Key", "call-store-down")
                .body("""
                        {"identifiers":[{"type":"customer","value":"crm-store-down"}],"purposes":["marketing"],
                         "channels":["email"],"status":"GRANTED"}""")
                .when().post("/v1/consents")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:consentline:problem:unavailable"));
    }

    @Test
    void readinessSaysNotReady() {
        given().when().get("/q/health/ready").then().statusCode(503);
    }
}
