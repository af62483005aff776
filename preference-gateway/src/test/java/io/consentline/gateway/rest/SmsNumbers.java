package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;

import java.util.concurrent.atomic.AtomicInteger;

import io.consentline.testsupport.TestTokens;
import io.restassured.http.ContentType;

/** Test provider numbers and subscriber numbers: valid UK mobile numbers, a new one per call. */
final class SmsNumbers {

    private static final AtomicInteger NEXT = new AtomicInteger(new java.util.Random().nextInt(900_000));

    private SmsNumbers() {
    }

    /** A valid UK mobile number in the +447400 range (every number of it is valid for libphonenumber). */
    static String newNumber() {
        return "+447400" + String.format("%06d", NEXT.incrementAndGet() % 1_000_000);
    }

    /** Registers a new provider number for the tenant and answers it. */
    static String register(String tenant) {
        String number = newNumber();
        given().auth().oauth2(TestTokens.of(tenant, "admin")).contentType(ContentType.JSON)
                .body("{\"number\": \"" + number + "\"}")
                .when().post("/v1/admin/sms-numbers").then().statusCode(201);
        return number;
    }
}
