package io.consentline.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class CheckResourceTest {

    private static RequestSpecification checkAs(String token) {
        return checkAs(token, Map.of());
    }

    /** A valid check query, with some parameters replaced. */
    private static RequestSpecification checkAs(String token, Map<String, String> replaced) {
        Map<String, String> params = new HashMap<>(Map.of("identifierType", "visitor", "identifier", "v-nobody",
                "purpose", "analytics", "channel", "web"));
        params.putAll(replaced);
        return given().auth().oauth2(token).queryParams(params);
    }

    @Nested
    class Refusals {

        @Test
        void withoutATokenIs401() {
            given().queryParam("identifierType", "visitor").queryParam("identifier", "v-1")
                    .queryParam("purpose", "analytics").queryParam("channel", "web")
                    .when().get("/v1/check").then().statusCode(401);
        }

        @Test
        void garbageTokenIs401() {
            checkAs("not-a-jwt").when().get("/v1/check").then().statusCode(401);
        }

        @Test
        void tokenSignedByAnUntrustedKeyIs401() {
            checkAs(TestTokens.tenant("acme").roles("dialer").signedByStranger().sign())
                    .when().get("/v1/check").then().statusCode(401);
        }

        @Test
        void expiredTokenIs401() {
            checkAs(TestTokens.tenant("acme").roles("dialer").expired().sign())
                    .when().get("/v1/check").then().statusCode(401);
        }

        @Test
        void tokenFromAnotherIssuerIs401() {
            checkAs(TestTokens.tenant("acme").roles("dialer").issuer("https://evil.example").sign())
                    .when().get("/v1/check").then().statusCode(401);
        }

        @Test
        void tokenForAnotherAudienceIs401() {
            checkAs(TestTokens.tenant("acme").roles("dialer").audience("someone-else").sign())
                    .when().get("/v1/check").then().statusCode(401);
        }

        @Test
        void rolesOtherThanDialerAre403() {
            for (String role : new String[] { "agent", "compliance", "admin" }) {
                checkAs(TestTokens.of("acme", role)).when().get("/v1/check").then().statusCode(403);
            }
        }

        @Test
        void tokenWithoutTenantIs403() {
            checkAs(TestTokens.tenant(null).roles("dialer").sign())
                    .when().get("/v1/check").then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:consentline:problem:no-tenant"));
        }
    }

    @Nested
    class BadInput {

        private final String dialer = TestTokens.of("acme", "dialer");

        @Test
        void missingPurposeIsNamed() {
            given().auth().oauth2(dialer).queryParam("identifierType", "visitor").queryParam("identifier", "v-1")
                    .queryParam("channel", "web")
                    .when().get("/v1/check")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("field", equalTo("purpose"))
                    .body("detail", not(nullValue()));
        }

        @Test
        void unknownChannelIsNamed() {
            checkAs(dialer, Map.of("channel", "pigeon")).when().get("/v1/check")
                    .then().statusCode(400).body("field", equalTo("channel"));
        }

        @Test
        void unknownIdentifierTypeIsNamed() {
            checkAs(dialer, Map.of("identifierType", "passport")).when().get("/v1/check")
                    .then().statusCode(400).body("field", equalTo("identifierType"));
        }

        @Test
        void malformedInstantIsNamed() {
            checkAs(dialer, Map.of("at", "yesterday")).when().get("/v1/check")
                    .then().statusCode(400).body("field", equalTo("at"));
        }

        @Test
        void oversizedIdentifierIsRefused() {
            checkAs(dialer, Map.of("identifier", "x".repeat(300))).when().get("/v1/check")
                    .then().statusCode(400).body("field", equalTo("identifier"));
        }

        @Test
        void anIdentifierTooLongForAnyUrlIs414NamingIt() {
            checkAs(dialer, Map.of("identifier", "x".repeat(20_000))).when().get("/v1/check")
                    .then().statusCode(414).contentType("application/problem+json")
                    .body("type", equalTo("urn:consentline:problem:url-too-long"))
                    .body("field", equalTo("identifier"));
        }

        @Test
        void invalidPurposeIsNamed() {
            checkAs(dialer, Map.of("purpose", "Robert'); DROP TABLE")).when().get("/v1/check")
                    .then().statusCode(400).body("field", equalTo("purpose"));
        }
    }

    @Test
    void unknownSubjectIsDeniedForLackOfConsent() {
        checkAs(TestTokens.of("acme", "dialer")).when().get("/v1/check")
                .then().statusCode(200)
                .body("decision", equalTo("DENY"))
                .body("reasons", hasItem("NO_CONSENT"));
    }
}
