package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** The gateway confirms nothing the broker did not acknowledge: neither a banner choice nor an SMS opt-out. */
@QuarkusTest
@TestProfile(ChoiceWhenKafkaIsDownTest.UnreachableBroker.class)
class ChoiceWhenKafkaIsDownTest {

    /** The submissions producer points at a port nothing listens on; everything else works. */
    public static class UnreachableBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("consentline.submissions-producer.bootstrap.servers", "127.0.0.1:1");
        }
    }

    @Test
    void aChoiceTheBrokerDidNotAcknowledgeIs503AndClaimsNothing() {
        String site = Sites.create("acme");

        given().contentType(ContentType.JSON).body("""
                {"siteId": "%s", "visitorId": "v_unacknowledged", "policyVersion": "%s", "language": "en",
                 "granted": ["analytics"], "denied": []}""".formatted(site, Sites.VERSION))
                .when().post("/v1/choices")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:consentline:problem:unavailable"))
                .body("receiptId", nullValue());
    }

    @Test
    void anSmsStopTheBrokerDidNotAcknowledgeIs503AndRepliesNothing() {
        String providerNumber = SmsNumbers.register("acme");
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("MessageSid", "SM-unacknowledged");
        params.put("From", SmsNumbers.newNumber());
        params.put("To", providerNumber);
        params.put("Body", "STOP");
        java.util.Map<String, java.util.List<String>> multi = new java.util.LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, java.util.List.of(v)));
        String url = "http://localhost:" + io.restassured.RestAssured.port + "/v1/sms/inbound";

        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(params)
                .header("X-Twilio-Signature", io.consentline.gateway.domain.sms.TwilioSignature.of(
                        "test-only-twilio-auth-token", url, multi))
                .when().post("/v1/sms/inbound")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:consentline:problem:unavailable"));
    }
}
