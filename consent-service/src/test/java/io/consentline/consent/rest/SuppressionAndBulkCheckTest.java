package io.consentline.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SuppressionAndBulkCheckTest {

    private static final String NOON = "2026-11-23T12:00:00Z";
    private static final String GRANTED = "+447911123456";
    private static final String LISTED = "+447911123457";
    private static final ObjectMapper JSON = new ObjectMapper();

    private String tenant;

    @BeforeEach
    void newTenantWithAGrant() {
        tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"defaultRegion\":\"GB\",\"purposes\":[\"marketing\",\"sales_calls\"]}")
                .when().put("/v1/admin/policy").then().statusCode(200);
        given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON)
                .body("""
                        {"identifiers":[{"type":"phone","value":"%s"}],"purposes":["sales_calls","marketing"],
                         "channels":["voice"],"status":"GRANTED"}""".formatted(GRANTED))
                .when().post("/v1/consents").then().statusCode(201);
        given().auth().oauth2(TestTokens.of(tenant, "agent")).contentType(ContentType.JSON)
                .body("""
                        {"identifiers":[{"type":"phone","value":"%s"}],"purposes":["sales_calls","marketing"],
                         "channels":["voice"],"status":"GRANTED"}""".formatted(LISTED))
                .when().post("/v1/consents").then().statusCode(201);
    }

    private ValidatableResponse importList(String name, String purposes, String contentType, String body) {
        return given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(contentType)
                .queryParam("purposes", purposes).body(body)
                .when().put("/v1/admin/suppression-lists/" + name).then();
    }

    private ValidatableResponse check(String phone, String purpose) {
        return given().auth().oauth2(TestTokens.of(tenant, "dialer"))
                .queryParams(Map.of("phone", phone, "purpose", purpose, "channel", "voice", "at", NOON))
                .when().get("/v1/check").then().statusCode(200);
    }

    private String bulk(String contentType, String body) {
        return given().auth().oauth2(TestTokens.of(tenant, "dialer")).contentType(contentType)
                .queryParams(Map.of("purpose", "sales_calls", "channel", "voice", "at", NOON))
                .body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/v1/check/bulk").then().statusCode(200)
                .contentType("application/x-ndjson").extract().asString();
    }

    @Test
    void aListedNumberIsDeniedForThePurposesTheListCoversEvenWithAGrant() {
        importList("national-dnc", "sales_calls", "text/csv", "phone,name\n07911 123457,Someone\nnot a number\n\n")
                .statusCode(200).body("rows", equalTo(1)).body("rejected", equalTo(1))
                .body("rejectedLines", contains(3));

        check(LISTED, "sales_calls").body("decision", equalTo("DENY")).body("reasons", contains("SUPPRESSED"))
                .body("suppressedBy", contains("national-dnc"));
        check(LISTED, "marketing").body("decision", equalTo("ALLOW"));
        check(GRANTED, "sales_calls").body("decision", equalTo("ALLOW"));
        given().auth().oauth2(TestTokens.of(tenant, "admin")).when().get("/v1/admin/suppression-lists")
                .then().statusCode(200).body("[0].name", equalTo("national-dnc")).body("[0].size", equalTo(1))
                .body("[0].purposes", contains("sales_calls"));
    }

    @Test
    void replacingAListSwapsItsContentWhole() {
        importList("own", null, "text/plain", LISTED + "\n").statusCode(200);

        importList("own", null, "text/plain", GRANTED + "\n").statusCode(200).body("rows", equalTo(1));

        check(LISTED, "sales_calls").body("decision", equalTo("ALLOW"));
        check(GRANTED, "marketing").body("decision", equalTo("DENY")).body("reasons", contains("SUPPRESSED"));
    }

    @Test
    void aDeletedListSuppressesNothing() {
        importList("own", null, "text/plain", LISTED + "\n").statusCode(200);

        given().auth().oauth2(TestTokens.of(tenant, "admin")).when().delete("/v1/admin/suppression-lists/own")
                .then().statusCode(204);

        check(LISTED, "sales_calls").body("decision", equalTo("ALLOW"));
        given().auth().oauth2(TestTokens.of(tenant, "admin")).when().delete("/v1/admin/suppression-lists/own")
                .then().statusCode(404);
    }

    @Test
    void aBulkCheckAnswersEveryLineInOrderAndEndsWithASignedTrailer() throws Exception {
        importList("national-dnc", null, "text/plain", LISTED + "\n").statusCode(200);

        String answer = bulk("application/x-ndjson", String.join("\n",
                "{\"phone\":\"" + GRANTED + "\"}", "{\"phone\":\"07911123457\"}", "{\"phone\":\"+12015550123\"}",
                "{\"phone\":\"12\"}", "{\"name\":\"no phone\"}", ""));

        List<String> lines = answer.lines().toList();
        assertThat(lines).hasSize(6);
        assertThat(JSON.readTree(lines.get(0)).get("decision").asText()).isEqualTo("ALLOW");
        assertThat(JSON.readTree(lines.get(1)).get("reasons").get(0).asText()).isEqualTo("SUPPRESSED");
        assertThat(JSON.readTree(lines.get(1)).get("phone").asText()).isEqualTo(LISTED);
        assertThat(JSON.readTree(lines.get(2)).get("reasons").get(0).asText()).isEqualTo("NO_CONSENT");
        assertThat(JSON.readTree(lines.get(3)).get("line").asInt()).isEqualTo(4);
        assertThat(JSON.readTree(lines.get(3)).get("error").asText()).startsWith("phone is invalid");
        assertThat(JSON.readTree(lines.get(4)).get("error").asText()).contains("phone");
        JsonNode trailer = JSON.readTree(lines.get(5)).get("trailer");
        assertThat(trailer.get("count").asLong()).isEqualTo(5);
        assertThat(trailer.get("allowed").asLong()).isEqualTo(1);
        assertThat(trailer.get("denied").asLong()).isEqualTo(2);
        assertThat(trailer.get("errors").asLong()).isEqualTo(2);

        String answered = lines.subList(0, 5).stream().map(l -> l + "\n").collect(Collectors.joining());
        String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(answered.getBytes(StandardCharsets.UTF_8)));
        assertThat(trailer.get("digest").asText()).isEqualTo(digest);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(trailer.get("signature").asText());
        String jwks = given().when().get("/v1/keys").then().extract().asString();
        jws.setKey(new JsonWebKeySet(jwks).getJsonWebKeys().get(0).getKey());
        assertThat(jws.verifySignature()).isTrue();
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(claims.getStringClaimValue("digest")).isEqualTo(digest);
        assertThat(claims.getClaimValue("count", Long.class)).isEqualTo(5L);
        assertThat(claims.getStringClaimValue("tenant")).isEqualTo(tenant);
    }

    @Test
    void aLongListIsAnsweredInFullAcrossBatches() throws Exception {
        String body = IntStream.range(0, 25_000).mapToObj(i -> String.format("+1201555%04d", i % 10_000))
                .collect(Collectors.joining("\n"));

        List<String> lines = bulk("text/plain", body).lines().toList();

        assertThat(lines).hasSize(25_001);
        assertThat(JSON.readTree(lines.get(25_000)).get("trailer").get("count").asLong()).isEqualTo(25_000);
        assertThat(JSON.readTree(lines.get(24_999)).get("line").asLong()).isEqualTo(25_000);
    }

    @Test
    void badBulkParametersAreProblemsBeforeAnythingStreams() {
        given().auth().oauth2(TestTokens.of(tenant, "dialer")).contentType("text/plain")
                .queryParam("channel", "voice").body(GRANTED)
                .when().post("/v1/check/bulk").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("purpose"));
        given().auth().oauth2(TestTokens.of(tenant, "dialer")).contentType("text/plain")
                .queryParams(Map.of("purpose", "astrology", "channel", "voice")).body(GRANTED)
                .when().post("/v1/check/bulk").then().statusCode(400).body("field", equalTo("purpose"));
        given().auth().oauth2(TestTokens.of(tenant, "dialer")).contentType("text/plain")
                .queryParams(Map.of("purpose", "sales_calls", "channel", "fax")).body(GRANTED)
                .when().post("/v1/check/bulk").then().statusCode(400).body("field", equalTo("channel"));
        given().auth().oauth2(TestTokens.of(tenant, "dialer")).contentType("application/json")
                .queryParams(Map.of("purpose", "sales_calls", "channel", "voice")).body("[]")
                .when().post("/v1/check/bulk").then().statusCode(415);
    }

    @Test
    void badImportsAreProblems() {
        importList("Bad Name!", null, "text/plain", GRANTED).statusCode(400).body("field", equalTo("name"));
        importList("own", "astrology", "text/plain", GRANTED).statusCode(400).body("field", equalTo("purposes"));
    }

    @Test
    void onlyAdminsImportAndOnlyDialersScrub() {
        given().auth().oauth2(TestTokens.of(tenant, "dialer")).contentType("text/plain").body(GRANTED)
                .when().put("/v1/admin/suppression-lists/own").then().statusCode(403);
        given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType("text/plain").body(GRANTED)
                .queryParams(Map.of("purpose", "sales_calls", "channel", "voice"))
                .when().post("/v1/check/bulk").then().statusCode(403);
        given().contentType("text/plain").body(GRANTED).queryParams(Map.of("purpose", "sales_calls", "channel", "voice"))
                .when().post("/v1/check/bulk").then().statusCode(401);
    }

    @Test
    void anotherTenantsListSuppressesNothingHere() {
        String other = "o-" + tenant;
        given().auth().oauth2(TestTokens.of(other, "admin")).contentType("text/plain").body(LISTED + "\n")
                .when().put("/v1/admin/suppression-lists/own").then().statusCode(200);

        check(LISTED, "sales_calls").body("decision", equalTo("ALLOW"));
    }
}
