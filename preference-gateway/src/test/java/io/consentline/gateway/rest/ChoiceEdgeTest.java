package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.emptyIterable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The choices API at the browser's edge: signed receipts, CORS, Global Privacy Control, rate limits. */
@QuarkusTest
class ChoiceEdgeTest {

    private static final String PROBLEM = "application/problem+json";
    private static String siteId;

    @BeforeEach
    void setUp() {
        if (siteId == null) {
            siteId = Sites.create("acme");
        }
    }

    private static String newVisitor() {
        return "v_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static String choice(String site, String visitor, String granted, String denied) {
        return """
                {"siteId": "%s", "visitorId": "%s", "policyVersion": "%s", "language": "en",
                 "granted": %s, "denied": %s}""".formatted(site, visitor, Sites.VERSION, granted, denied);
    }

    private static RequestSpecification browser() {
        return given().contentType(ContentType.JSON).header("Origin", Sites.ORIGIN);
    }

    @Nested
    class SignedReceipts {

        @Test
        void theReceiptIsSignedAndNamesWhoWhatWhenAndWhichPolicy() throws Exception {
            String visitor = newVisitor();

            Response response = browser().body(choice(siteId, visitor, "[\"analytics\"]", "[\"marketing\"]"))
                    .when().post("/v1/choices");

            response.then().statusCode(202).body("signature", notNullValue());
            Map<String, Object> claims = Receipts.verifiedClaims(response.path("signature"));
            assertThat(claims).containsEntry("iss", "consentline/preference-gateway")
                    .containsEntry("jti", response.path("receiptId"))
                    .containsEntry("tenant", "acme")
                    .containsEntry("sub", "visitor:" + visitor)
                    .containsEntry("siteId", siteId)
                    .containsEntry("policyVersion", Sites.VERSION)
                    .containsEntry("granted", List.of("analytics"))
                    .containsEntry("denied", List.of("marketing"))
                    .containsEntry("acceptedAt", response.path("acceptedAt"));
        }

        @Test
        void aTamperedReceiptDoesNotVerify() {
            String jws = browser().body(choice(siteId, newVisitor(), "[\"analytics\", \"marketing\"]", "[]"))
                    .when().post("/v1/choices").then().statusCode(202).extract().path("signature");
            String[] parts = jws.split("\\.");
            String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("marketing", "necessary")
                            .getBytes());

            assertThatThrownBy(() -> Receipts.verifiedClaims(parts[0] + "." + forged + "." + parts[2]))
                    .isInstanceOf(IllegalStateException.class);
        }

        @Test
        void theVerificationKeysArePublicAndHoldNoPrivatePart() {
            given().when().get("/v1/receipt-keys").then().statusCode(200)
                    .contentType("application/jwk-set+json")
                    .body("keys[0].kty", equalTo("OKP"))
                    .body("keys[0].crv", equalTo("Ed25519"))
                    .body("keys[0].alg", equalTo("EdDSA"))
                    .body("keys[0].kid", notNullValue())
                    .body("keys[0].d", nullValue());
        }
    }

    @Nested
    class GlobalPrivacyControl {

        @Test
        void secGpcTurnsEverySaleOrSharingCategoryToDeniedAndTheAnswerSaysSo() throws Exception {
            Response response = browser().header("Sec-GPC", "1")
                    .body(choice(siteId, newVisitor(), "[\"analytics\", \"marketing\"]", "[]"))
                    .when().post("/v1/choices");

            response.then().statusCode(202)
                    .body("granted", contains("analytics"))
                    .body("denied", contains("marketing"))
                    .body("globalPrivacyControl", equalTo(true))
                    .body("deniedByGlobalPrivacyControl", contains("marketing"));
            assertThat(Receipts.verifiedClaims(response.path("signature"))).containsEntry("globalPrivacyControl", true);
            String receiptId = response.path("receiptId");
            assertThat(Submissions.find(e -> e.id().equals(receiptId)).data().evidence().globalPrivacyControl())
                    .isTrue();
        }

        @Test
        void withoutTheSignalTheVisitorsChoiceStands() {
            browser().body(choice(siteId, newVisitor(), "[\"analytics\", \"marketing\"]", "[]"))
                    .when().post("/v1/choices").then().statusCode(202)
                    .body("granted", contains("analytics", "marketing"))
                    .body("globalPrivacyControl", equalTo(false))
                    .body("deniedByGlobalPrivacyControl", emptyIterable());
        }
    }

    @Nested
    class Cors {

        @Test
        void aPreflightFromAnAllowedOriginIsAnsweredForThatOriginOnly() {
            given().header("Origin", Sites.ORIGIN).header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type")
                    .when().options("/v1/choices")
                    .then().statusCode(204)
                    .header("Access-Control-Allow-Origin", equalTo(Sites.ORIGIN))
                    .header("Access-Control-Allow-Methods", equalTo("GET, POST"))
                    .header("Access-Control-Allow-Headers", equalTo("Content-Type"));
        }

        @Test
        void aPreflightFromAnyOtherOriginGetsNoCorsHeaders() {
            given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                    .when().options("/v1/choices")
                    .then().statusCode(403).header("Access-Control-Allow-Origin", nullValue());
        }

        @Test
        void anAcceptedChoiceFromTheSitesOriginMayBeReadByThePage() {
            browser().body(choice(siteId, newVisitor(), "[\"analytics\"]", "[]"))
                    .when().post("/v1/choices").then().statusCode(202)
                    .header("Access-Control-Allow-Origin", equalTo(Sites.ORIGIN))
                    .header("Vary", equalTo("Origin"));
        }

        @Test
        void aProblemIsReadableByAPageOfAKnownOriginToo() {
            browser().body(choice(siteId, "short", "[\"analytics\"]", "[]"))
                    .when().post("/v1/choices").then().statusCode(400)
                    .header("Access-Control-Allow-Origin", equalTo(Sites.ORIGIN));
        }

        @Test
        void aPostFromAnOriginTheSiteDoesNotAllowIsRefusedWithoutCorsHeaders() {
            given().contentType(ContentType.JSON).header("Origin", "https://evil.example")
                    .body(choice(siteId, newVisitor(), "[\"analytics\"]", "[]"))
                    .when().post("/v1/choices").then().statusCode(403).contentType(PROBLEM)
                    .body("type", equalTo("urn:consentline:problem:origin-not-allowed"))
                    .body("field", equalTo("Origin"))
                    .header("Access-Control-Allow-Origin", nullValue());
        }

        @Test
        void anOriginAllowedOnlyByAnotherSiteIsRefusedForThisOne() {
            String other = Sites.uniqueId();
            given().auth().oauth2(io.consentline.testsupport.TestTokens.of("acme", "admin")).contentType(ContentType.JSON)
                    .body(Sites.definition(other, Sites.VERSION).replace(Sites.ORIGIN, "https://other.example"))
                    .when().post("/v1/admin/sites").then().statusCode(201);

            given().contentType(ContentType.JSON).header("Origin", "https://other.example")
                    .body(choice(siteId, newVisitor(), "[\"analytics\"]", "[]"))
                    .when().post("/v1/choices").then().statusCode(403)
                    .header("Access-Control-Allow-Origin", nullValue());
        }

        @Test
        void serversWithoutAnOriginAreNoBrowsersAndAreNotRefused() {
            given().contentType(ContentType.JSON).body(choice(siteId, newVisitor(), "[\"analytics\"]", "[]"))
                    .when().post("/v1/choices").then().statusCode(202)
                    .header("Access-Control-Allow-Origin", nullValue());
        }
    }

    @Nested
    class RateLimit {

        @Test
        void aClientThatPostsTooOftenToOneSiteGets429WithRetryAfterAndOtherSitesAreUnaffected() {
            String busy = Sites.create("acme");
            int status = 0;
            Response last = null;
            for (int i = 0; i < 200 && status != 429; i++) {
                // refused choices count too: the limit protects the gateway, whatever is posted
                last = browser().body(choice(busy, "short", "[\"analytics\"]", "[]")).when().post("/v1/choices");
                status = last.statusCode();
            }

            assertThat(status).isEqualTo(429);
            last.then().contentType(PROBLEM)
                    .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                    .header("Access-Control-Allow-Origin", equalTo(Sites.ORIGIN))
                    .body("type", equalTo("urn:consentline:problem:rate-limited"));
            browser().body(choice(siteId, newVisitor(), "[\"analytics\"]", "[]"))
                    .when().post("/v1/choices").then().statusCode(202);
        }
    }
}
