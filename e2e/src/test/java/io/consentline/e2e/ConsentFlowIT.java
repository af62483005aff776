package io.consentline.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.consentline.deploy.LauncherSettings;
import io.consentline.deploy.LocalSystem;
import io.restassured.http.ContentType;

/**
 * The walking skeleton, end to end with real processes: the launcher starts Kafka, PostgreSQL and the three
 * packaged services exactly as the local run does, and the test drives them over HTTP only.
 */
class ConsentFlowIT {

    private static LocalSystem system;
    private static LauncherSettings settings;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.get();
        settings = system.settings();
    }

    @Test
    void aBannerChoiceReachesTheConsentStateAndTheAuditLog() {
        String tenant = "acme";
        String siteId = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        String visitor = "visitor-" + UUID.randomUUID().toString().substring(0, 12);

        // an admin of the tenant sets up the site
        given().baseUri(settings.gatewayUrl()).auth().oauth2(system.token(tenant, "admin"))
                .contentType(ContentType.JSON)
                .body("""
                        {"id":"%s","name":"Shop","allowedOrigins":["https://shop.example"],
                         "categories":[{"id":"analytics","descriptions":{"en":"Usage statistics"}},
                                       {"id":"marketing","descriptions":{"en":"Offers"}}],
                         "policyVersion":"2026-01","policyUrl":"https://shop.example/privacy"}""".formatted(siteId))
                .when().post("/v1/admin/sites").then().statusCode(201);

        // the visitor accepts analytics and refuses marketing: 202 with a receipt once Kafka acknowledged
        String receiptId = given().baseUri(settings.gatewayUrl()).contentType(ContentType.JSON)
                .body("""
                        {"siteId":"%s","visitorId":"%s","policyVersion":"2026-01","language":"en",
                         "granted":["analytics"],"denied":["marketing"]}""".formatted(siteId, visitor))
                .when().post("/v1/choices")
                .then().statusCode(202).body("receiptId", notNullValue())
                .extract().path("receiptId");

        // consent-service consumed it: a dialer-style check sees the new state
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().baseUri(settings.consentUrl()).auth().oauth2(system.token(tenant, "dialer"))
                        .queryParams(Map.of("identifierType", "visitor", "identifier", visitor,
                                "purpose", "analytics", "channel", "web"))
                        .when().get("/v1/check")
                        .then().statusCode(200).body("decision", equalTo("ALLOW")));
        given().baseUri(settings.consentUrl()).auth().oauth2(system.token(tenant, "dialer"))
                .queryParams(Map.of("identifierType", "visitor", "identifier", visitor, "purpose", "marketing",
                        "channel", "web"))
                .when().get("/v1/check")
                .then().statusCode(200).body("decision", equalTo("DENY")).body("reasons", hasItem("OPTED_OUT"));

        // audit-sink consumed the published changes: compliance sees both, caused by the receipt's event
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<Map<String, Object>> entries = given().baseUri(settings.auditUrl())
                    .auth().oauth2(system.token(tenant, "compliance"))
                    .queryParams(Map.of("identifierType", "visitor", "identifier", visitor, "type", "change"))
                    .when().get("/v1/audit/entries")
                    .then().statusCode(200).extract().path("entries");
            assertThat(entries).hasSize(2);
            assertThat(entries).extracting(e -> e.get("purpose")).containsExactlyInAnyOrder("analytics", "marketing");
            assertThat(entries).allSatisfy(e -> {
                assertThat(e.get("source")).isEqualTo("banner");
                assertThat(e.get("policyVersion")).isEqualTo("2026-01");
            });
        });
        String causation = given().baseUri(settings.auditUrl()).auth().oauth2(system.token(tenant, "compliance"))
                .queryParams(Map.of("identifierType", "visitor", "identifier", visitor, "purpose", "analytics",
                        "type", "change"))
                .when().get("/v1/audit/entries").then().statusCode(200)
                .body("entries[0].after", equalTo("GRANTED"))
                .extract().path("entries[0].causationId");
        assertThat(causation).isEqualTo(receiptId);
    }

    @Test
    void theServicesRefuseCallersWithoutTheRightToken() {
        given().baseUri(settings.consentUrl()).queryParams(Map.of("identifierType", "visitor", "identifier", "v-1",
                "purpose", "analytics", "channel", "web")).when().get("/v1/check").then().statusCode(401);
        given().baseUri(settings.auditUrl()).auth().oauth2(system.token("acme", "dialer"))
                .queryParams(Map.of("identifierType", "visitor", "identifier", "v-1"))
                .when().get("/v1/audit/entries").then().statusCode(403);
        given().baseUri(settings.gatewayUrl()).auth().oauth2(system.token("acme", "agent"))
                .contentType(ContentType.JSON).body("{}").when().post("/v1/admin/sites").then().statusCode(403);
    }

    @Test
    void badInputAtTheEdgeIsAProblemAndNothingIsAccepted() {
        given().baseUri(settings.gatewayUrl()).contentType(ContentType.JSON)
                .body("""
                        {"siteId":"no-such-site","visitorId":"visitor-abcdefgh","policyVersion":"2026-01",
                         "language":"en","granted":["analytics"],"denied":[]}""")
                .when().post("/v1/choices")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("siteId"));
    }

    @Test
    void everyServiceIsReadyAndDocumented() {
        for (String url : List.of(settings.gatewayUrl(), settings.consentUrl(), settings.auditUrl())) {
            given().baseUri(url).when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().baseUri(url).queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                    .body("openapi", notNullValue());
            given().baseUri(url).when().get("/q/metrics").then().statusCode(200);
        }
    }
}
