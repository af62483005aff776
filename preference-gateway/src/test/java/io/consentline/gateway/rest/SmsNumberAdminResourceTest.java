package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SmsNumberAdminResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static RequestSpecification as(String tenant, String role) {
        return given().auth().oauth2(TestTokens.of(tenant, role)).contentType(ContentType.JSON);
    }

    private static String path(String number) {
        return "/v1/admin/sms-numbers/" + URLEncoder.encode(number, StandardCharsets.UTF_8);
    }

    @Test
    void anAdminRegistersANumberNormalisedToE164AndSeesItListed() {
        String number = SmsNumbers.newNumber();
        String spaced = number.substring(0, 3) + " " + number.substring(3, 7) + " " + number.substring(7);

        as("acme", "admin").body("{\"number\": \"" + spaced + "\"}")
                .when().post("/v1/admin/sms-numbers")
                .then().statusCode(201)
                .header("Location", endsWith(path(number)))
                .body("number", equalTo(number))
                .body("tenant", equalTo("acme"));
        as("acme", "admin").when().get("/v1/admin/sms-numbers").then().statusCode(200)
                .body("number", hasItem(number));
        as("globex", "admin").when().get("/v1/admin/sms-numbers").then().statusCode(200)
                .body("number", not(hasItem(number)));
    }

    @Test
    void anAdminUnregistersANumber() {
        String number = SmsNumbers.register("acme");

        as("globex", "admin").when().delete("/v1/admin/sms-numbers/{number}", number).then().statusCode(404);
        as("acme", "admin").when().delete("/v1/admin/sms-numbers/{number}", number).then().statusCode(204);
        as("acme", "admin").when().get("/v1/admin/sms-numbers").then().body("number", not(hasItem(number)));
        as("acme", "admin").when().delete("/v1/admin/sms-numbers/{number}", number).then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void aNumberBelongsToOneTenant() {
        String number = SmsNumbers.register("acme");

        as("globex", "admin").body("{\"number\": \"" + number + "\"}").when().post("/v1/admin/sms-numbers")
                .then().statusCode(409).contentType(PROBLEM).body("field", equalTo("number"));
    }

    @Nested
    class Refusals {

        @Test
        void withoutATokenIs401AndOtherRolesAre403() {
            given().when().get("/v1/admin/sms-numbers").then().statusCode(401);
            as("acme", "agent").when().get("/v1/admin/sms-numbers").then().statusCode(403);
            as("acme", "dialer").body("{\"number\": \"+447911123456\"}").when().post("/v1/admin/sms-numbers")
                    .then().statusCode(403);
        }

        @Test
        void aNumberThatIsNoInternationalNumberIsNamed() {
            as("acme", "admin").body("{\"number\": \"07911 123456\"}").when().post("/v1/admin/sms-numbers")
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("number"));
        }

        @Test
        void aMissingNumberIsNamed() {
            as("acme", "admin").body("{}").when().post("/v1/admin/sms-numbers")
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("number"));
        }

        @Test
        void malformedJsonIsNamed() {
            as("acme", "admin").body("{\"number\": ").when().post("/v1/admin/sms-numbers")
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("body"));
        }
    }
}
