package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.gateway.domain.sms.TwilioSignature;
import io.consentline.testsupport.LogCapture;
import io.consentline.testsupport.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Phone numbers are personal data (GDPR Art. 4(1)): they never reach the log, nor an error body, on any path of the
 * public edge — one-time codes started, verified, refused or throttled; SMS webhooks signed, unsigned, malformed,
 * to unknown numbers; provider numbers registered twice or unknown. The log is captured at INFO and above (what
 * production writes).
 */
@QuarkusTest
class PersonalDataInLogsTest {

    private static final String TWILIO_TOKEN = "test-only-twilio-auth-token";
    private static final String BAD_PHONE = "+4474009";

    private final List<Response> errors = new ArrayList<>();
    private LogCapture log;
    private String siteId;
    private String phone;
    private String provider;

    @BeforeEach
    void captureTheLog() {
        siteId = Sites.create("acme");
        provider = SmsNumbers.register("acme");
        phone = SmsNumbers.newNumber();
        log = LogCapture.start();
    }

    @AfterEach
    void stopCapturing() {
        log.close();
    }

    /** The number in any format: its national significant number is in each. */
    private List<String> personal() {
        return List.of(phone.substring(3), provider.substring(3), BAD_PHONE.substring(1));
    }

    private Response keep(Response response) {
        if (response.statusCode() >= 400) {
            errors.add(response);
        }
        return response;
    }

    private Response startOtp(String number) {
        return keep(given().contentType(ContentType.JSON).header("Origin", Sites.ORIGIN)
                .body("""
                        {"siteId": "%s", "phone": "%s", "purpose": "%s", "language": "en"}"""
                        .formatted(siteId, number, Sites.SMS_PURPOSE))
                .when().post("/v1/otp/challenges"));
    }

    private Response webhook(String from, String to, String body, boolean signed) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("From", from);
        params.put("To", to);
        params.put("Body", body);
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(params);
        if (signed) {
            Map<String, List<String>> multi = new LinkedHashMap<>();
            params.forEach((k, v) -> multi.put(k, List.of(v)));
            request.header("X-Twilio-Signature", TwilioSignature.of(TWILIO_TOKEN,
                    "http://localhost:" + RestAssured.port + "/v1/sms/inbound", multi));
        }
        return keep(request.when().post("/v1/sms/inbound"));
    }

    @Test
    void knownNumbersNeverReachTheLogOrAnErrorBody() {
        // one-time codes: started, throttled, refused, bad input
        String challenge = startOtp(phone).then().statusCode(202).extract().path("challengeId");
        startOtp(phone);
        startOtp(BAD_PHONE);
        startOtp(phone.substring(3));
        keep(given().contentType(ContentType.JSON).body("""
                {"challengeId": "%s", "phone": "%s", "code": "000000"}""".formatted(challenge, phone))
                .when().post("/v1/otp/verifications"));
        keep(given().contentType(ContentType.JSON).body("""
                {"challengeId": "%s", "phone": "%s", "code": "12"}""".formatted(challenge, BAD_PHONE))
                .when().post("/v1/otp/verifications"));
        keep(given().contentType(ContentType.JSON).body("{\"challengeId\": " + phone + "}")
                .when().post("/v1/otp/verifications"));
        // SMS webhooks: opt-out recorded, to an unknown number, unsigned, malformed numbers
        webhook(phone, provider, "STOP", true).then().statusCode(200);
        webhook(phone, SmsNumbers.newNumber(), "STOP", true);
        webhook(phone, provider, "STOP", false);
        webhook(BAD_PHONE, provider, "STOP", true);
        webhook(phone, BAD_PHONE, "START", true);
        // provider numbers: twice, invalid, unknown
        String admin = TestTokens.of("acme", "admin");
        keep(given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"number\": \"" + provider + "\"}")
                .when().post("/v1/admin/sms-numbers"));
        keep(given().auth().oauth2(admin).contentType(ContentType.JSON).body("{\"number\": \"" + BAD_PHONE + "\"}")
                .when().post("/v1/admin/sms-numbers"));
        keep(given().auth().oauth2(admin).when().delete("/v1/admin/sms-numbers/" + phone));
        keep(given().auth().oauth2(admin).when().delete("/v1/admin/sms-numbers/" + BAD_PHONE));

        assertThat(errors).as("error answers").hasSizeGreaterThan(5);
        for (Response error : errors) {
            String body = error.asString();
            assertThat(personal()).as("personal data in an error body: %s", body).noneMatch(body::contains);
            assertThat(body).as("stack trace in an error body").doesNotContain("Exception").doesNotContain("\tat ");
        }
        assertThat(log.records()).as("the log of this test (it ran)").isNotEmpty();
        assertThat(log.recordsContainingAnyOf(personal())).as("log records with personal data").isEmpty();
    }
}
