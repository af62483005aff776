package io.consentline.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Tenant A never sees or changes tenant B's admin data in the gateway: B's provider numbers are not in A's list
 * and cannot be removed by A. (Sites: {@code SiteAdminResourceTest.Refusals.anotherTenantsSiteIsNotFound}; ids and
 * numbers are global, so a taken one is 409 for everyone.)
 */
@QuarkusTest
class TenantIsolationTest {

    private static RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON);
    }

    @Test
    void aSeesNoneOfBsProviderNumbersAndCannotRemoveThem() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String a = "iso-a-" + run;
        String b = "iso-b-" + run;
        String number = "+447400" + String.format("%06d", new Random().nextInt(1_000_000));
        as(b).body("{\"number\": \"" + number + "\"}").when().post("/v1/admin/sms-numbers").then().statusCode(201);

        as(a).when().get("/v1/admin/sms-numbers").then().statusCode(200).body("$", empty());
        as(a).when().delete("/v1/admin/sms-numbers/{number}", number).then().statusCode(404);

        as(b).when().get("/v1/admin/sms-numbers").then().statusCode(200).body("number", hasItem(number))
                .body("tenant", hasItem(equalTo(b)));
    }
}
