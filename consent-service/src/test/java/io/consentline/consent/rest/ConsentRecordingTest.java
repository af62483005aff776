package io.consentline.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ConsentRecordingTest {

    private static final String LONDON_NOON = "2026-11-23T12:00:00Z";
    private static final String LONDON_LATE = "2026-11-23T22:00:00Z";

    private String tenant;

    @BeforeEach
    void newTenant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON)
                .body("""
                        {"defaultRegion":"GB","callingWindow":{"opens":"08:00","closes":"21:00"},
                         "purposes":["marketing","sales_calls","service_messages"],
                         "optInNotRequired":[{"purpose":"service_messages","channel":"sms"}]}""")
                .when().put("/v1/admin/policy").then().statusCode(200);
    }

    private ValidatableResponse record(String body) {
        return given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON).body(body)
                .when().post("/v1/consents").then();
    }

    private static String grant(String phone, String status) {
        return """
                {"identifiers":[{"type":"phone","value":"%s"}],"purposes":["sales_calls"],"channels":["voice"],
                 "status":"%s","policyVersion":"2026-01","policyTextHash":"sha256:abc123",
                 "evidence":{"recordingReference":"rec-1"}}""".formatted(phone, status);
    }

    private ValidatableResponse check(String phone, String purpose, String channel, String at) {
        return given().auth().oauth2(TestTokens.of(tenant, "dialer"))
                .queryParams(Map.of("phone", phone, "purpose", purpose, "channel", channel, "at", at))
                .when().get("/v1/check").then();
    }

    @Test
    void anAgentRecordedGrantAllowsACallInsideTheWindow() {
        record(grant("07911 123456", "GRANTED")).statusCode(201)
                .body("records", hasSize(1))
                .body("records[0].purpose", equalTo("sales_calls"))
                .body("records[0].before", nullValue());

        check("+447911123456", "sales_calls", "voice", LONDON_NOON).statusCode(200)
                .body("decision", equalTo("ALLOW"))
                .body("reasons", contains("CONSENT_GRANTED"))
                .body("consent.source", equalTo("agent"))
                .body("consent.policyVersion", equalTo("2026-01"));
    }

    @Test
    void outsideTheCalleesWindowTheAnswerSaysWhenItOpens() {
        record(grant("+447911123456", "GRANTED")).statusCode(201);

        check("07911123456", "sales_calls", "voice", LONDON_LATE).statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("reasons", contains("OUTSIDE_CALLING_WINDOW"))
                .body("nextAllowedAt", equalTo("2026-11-24T08:00:00Z"));
    }

    @Test
    void withdrawalIsOneCallAndTheNextCheckSaysDeny() {
        record(grant("+447911123456", "GRANTED")).statusCode(201);

        record(grant("+447911123456", "DENIED")).statusCode(201).body("records[0].before", equalTo("GRANTED"));

        check("+447911123456", "sales_calls", "voice", LONDON_NOON)
                .body("decision", equalTo("DENY")).body("reasons", contains("OPTED_OUT"));
    }

    @Test
    void withoutARecordTheAnswerIsNoConsentUnlessThePolicyWaivesOptIn() {
        check("+447911123456", "sales_calls", "voice", LONDON_NOON)
                .body("decision", equalTo("DENY")).body("reasons", contains("NO_CONSENT"));
        check("+447911123456", "service_messages", "sms", LONDON_NOON)
                .body("decision", equalTo("ALLOW")).body("reasons", contains("OPT_IN_NOT_REQUIRED"));
    }

    @Test
    void theDecisionTokenVerifiesWithThePublishedKey() throws Exception {
        record(grant("+447911123456", "GRANTED")).statusCode(201);
        String token = check("+447911123456", "sales_calls", "voice", LONDON_NOON).extract().path("decisionToken");
        String jwks = given().when().get("/v1/keys").then().statusCode(200).extract().asString();

        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(new JsonWebKeySet(jwks).getJsonWebKeys().stream()
                .filter(k -> k.getKeyId().equals(jws.getKeyIdHeaderValue())).findFirst().orElseThrow().getKey());

        assertThat(jws.verifySignature()).isTrue();
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(claims.getStringClaimValue("tenant")).isEqualTo(tenant);
        assertThat(claims.getStringClaimValue("decision")).isEqualTo("ALLOW");
        assertThat(claims.getStringClaimValue("purpose")).isEqualTo("sales_calls");
        assertThat(claims.getStringClaimValue("channel")).isEqualTo("voice");
        assertThat(claims.getStringClaimValue("at")).isEqualTo(LONDON_NOON);
        assertThat(claims.getStringClaimValue("identifierHash")).isEqualTo(
                java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("+447911123456".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertThat(jws.getPayload()).doesNotContain("7911123456");
    }

    @Test
    void theSameIdempotencyKeyRecordsOnce() {
        String key = "call-" + UUID.randomUUID();
        int first = given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(grant("+447911123456", "GRANTED"))
                .when().post("/v1/consents").then().statusCode(201).extract().path("records[0].recordId");

        given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(grant("+447911123456", "GRANTED"))
                .when().post("/v1/consents").then().statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("records[0].recordId", equalTo(first));

        given().auth().oauth2(TestTokens.of(tenant, "agent")).queryParam("phone", "+447911123456")
                .when().get("/v1/subjects").then().statusCode(200).body("history", hasSize(1));
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIsRefused() {
        String key = "call-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(grant("+447911123456", "GRANTED"))
                .when().post("/v1/consents").then().statusCode(201);

        given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON)
                .header("Idempotency-Key", key).body(grant("+447911123456", "DENIED"))
                .when().post("/v1/consents").then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("Idempotency-Key"));
    }

    @Test
    void severalIdentifiersAreOneSubjectWithCurrentStateAndHistory() {
        record("""
                {"identifiers":[{"type":"phone","value":"+447911123456"},{"type":"customer","value":"crm-42"}],
                 "purposes":["marketing","sales_calls"],"channels":["voice","sms"],"status":"GRANTED"}""")
                .statusCode(201).body("records", hasSize(4));
        record("""
                {"identifiers":[{"type":"customer","value":"crm-42"}],
                 "purposes":["marketing"],"channels":["sms"],"status":"DENIED"}""").statusCode(201);

        given().auth().oauth2(TestTokens.of(tenant, "compliance")).queryParam("phone", "+447911123456")
                .when().get("/v1/subjects").then().statusCode(200)
                .body("identifierTypes", containsInAnyOrder("customer", "phone"))
                .body("current", hasSize(4))
                .body("current.find { it.purpose == 'marketing' && it.channel == 'sms' }.status", equalTo("DENIED"))
                .body("history", hasSize(5))
                .body("history[0].evidence.agentId", notNullValue())
                .body("history[4].status", equalTo("DENIED"));
    }

    @Test
    void identifiersOfTwoDifferentSubjectsConflict() {
        record(grant("+447911123456", "GRANTED")).statusCode(201);
        record("""
                {"identifiers":[{"type":"customer","value":"crm-7"}],"purposes":["marketing"],
                 "channels":["email"],"status":"GRANTED"}""").statusCode(201);

        record("""
                {"identifiers":[{"type":"phone","value":"+447911123456"},{"type":"customer","value":"crm-7"}],
                 "purposes":["marketing"],"channels":["email"],"status":"GRANTED"}""")
                .statusCode(409).body("field", equalTo("identifiers"));
    }

    @Nested
    class BadInput {

        @Test
        void anInvalidPhoneNumberIsNamedAndNothingIsStored() {
            record(grant("12", "GRANTED")).statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("identifiers[0].value"));
            check("12", "sales_calls", "voice", LONDON_NOON).statusCode(400).body("field", equalTo("phone"));
        }

        @Test
        void aFieldGivenTwiceIsNamedAndNothingIsStored() {
            // DENIED, then GRANTED: whichever a parser kept, a dialer would act on a guess
            record(grant("+447911123456", "DENIED").replace("\"status\":\"DENIED\"",
                    "\"status\":\"DENIED\",\"status\":\"GRANTED\"")).statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("status"))
                    .body("type", org.hamcrest.Matchers.endsWith("duplicate-field"));
            record(grant("+447911123456", "GRANTED").replace("\"value\":\"+447911123456\"",
                    "\"value\":\"+447911123456\",\"value\":\"+447911123457\"")).statusCode(400)
                    .body("field", equalTo("identifiers[0].value"))
                    .body("detail", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("7911")));
            check("+447911123456", "sales_calls", "voice", LONDON_NOON).statusCode(200)
                    .body("decision", equalTo("DENY"));
        }

        @Test
        void missingFieldsAreNamed() {
            record("""
                    {"identifiers":[{"type":"phone","value":"+447911123456"}],"channels":["voice"],"status":"GRANTED"}""")
                    .statusCode(400).body("field", equalTo("purposes"));
            record("""
                    {"identifiers":[],"purposes":["marketing"],"channels":["voice"],"status":"GRANTED"}""")
                    .statusCode(400).body("field", equalTo("identifiers"));
        }

        @Test
        void unknownEnumValuesAreNamed() {
            record("""
                    {"identifiers":[{"type":"phone","value":"+447911123456"}],"purposes":["marketing"],
                     "channels":["pigeon"],"status":"GRANTED"}""").statusCode(400).body("field", equalTo("channels[0]"));
            record("""
                    {"identifiers":[{"type":"phone","value":"+447911123456"}],"purposes":["marketing"],
                     "channels":["voice"],"status":"MAYBE"}""").statusCode(400).body("field", equalTo("status"));
        }

        @Test
        void aPurposeTheTenantDoesNotHaveIsNamed() {
            record("""
                    {"identifiers":[{"type":"phone","value":"+447911123456"}],"purposes":["sales_calls","astrology"],
                     "channels":["voice"],"status":"GRANTED"}""").statusCode(400).body("field", equalTo("purposes[1]"));
            check("+447911123456", "astrology", "voice", LONDON_NOON).statusCode(400).body("field", equalTo("purpose"));
        }

        @Test
        void malformedJsonIsRefused() {
            record("{\"identifiers\": [").statusCode(400).contentType("application/problem+json")
                    .body("field", notNullValue());
            record("{\"identifiers\" ]").statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("body"));
        }

        @Test
        void anExpiryInThePastIsRefused() {
            record("""
                    {"identifiers":[{"type":"phone","value":"+447911123456"}],"purposes":["marketing"],
                     "channels":["voice"],"status":"GRANTED","expiresAt":"2001-01-01T00:00:00Z"}""")
                    .statusCode(400).body("field", equalTo("expiresAt"));
        }

        @Test
        void anInvalidIdempotencyKeyIsNamed() {
            given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON)
                    .header("Idempotency-Key", "x".repeat(300)).body(grant("+447911123456", "GRANTED"))
                    .when().post("/v1/consents").then().statusCode(400).body("field", equalTo("Idempotency-Key"));
        }

        @Test
        void anInvalidPolicyIsNamed() {
            given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON)
                    .body("{\"defaultRegion\":\"XX\"}").when().put("/v1/admin/policy")
                    .then().statusCode(400).body("field", equalTo("defaultRegion"));
            given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON)
                    .body("{\"callingWindow\":{\"opens\":\"21:00\",\"closes\":\"08:00\"}}").when().put("/v1/admin/policy")
                    .then().statusCode(400).body("field", equalTo("callingWindow"));
        }

        @Test
        void anUnknownSubjectIs404() {
            given().auth().oauth2(TestTokens.of(tenant, "agent")).queryParam("phone", "+12015550199")
                    .when().get("/v1/subjects").then().statusCode(404).body("field", equalTo("phone"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void onlyAgentsAndAdminsRecord() {
            for (String role : List.of("dialer", "compliance")) {
                given().auth().oauth2(TestTokens.of(tenant, role)).contentType(ContentType.JSON)
                        .body(grant("+447911123456", "GRANTED")).when().post("/v1/consents").then().statusCode(403);
            }
            given().contentType(ContentType.JSON).body(grant("+447911123456", "GRANTED"))
                    .when().post("/v1/consents").then().statusCode(401);
        }

        @Test
        void onlyAgentsAndComplianceSeeSubjects() {
            for (String role : List.of("dialer", "admin")) {
                given().auth().oauth2(TestTokens.of(tenant, role)).queryParam("phone", "+447911123456")
                        .when().get("/v1/subjects").then().statusCode(403);
            }
        }

        @Test
        void onlyAdminsChangeThePolicy() {
            given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON).body("{}")
                    .when().put("/v1/admin/policy").then().statusCode(403);
            given().when().get("/v1/admin/policy").then().statusCode(401);
        }

        @Test
        void anotherTenantSeesNothingOfThisOne() {
            record(grant("+447911123456", "GRANTED")).statusCode(201);

            given().auth().oauth2(TestTokens.of("other-" + tenant, "agent")).queryParam("phone", "+447911123456")
                    .when().get("/v1/subjects").then().statusCode(404);
            given().auth().oauth2(TestTokens.of("other-" + tenant, "dialer"))
                    .queryParams(Map.of("phone", "+447911123456", "purpose", "sales_calls", "channel", "voice",
                            "at", LONDON_NOON))
                    .when().get("/v1/check").then().statusCode(200).body("decision", equalTo("DENY"));
        }

        @Test
        void theKeysArePublic() {
            given().when().get("/v1/keys").then().statusCode(200).body("keys[0].kty", equalTo("OKP")).body("keys[0].crv", equalTo("Ed25519"))
                    .body("keys[0].d", nullValue());
        }
    }
}
