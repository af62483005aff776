package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;
import io.consentline.gateway.messaging.RecordingSmsSender;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class OtpResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static String siteId;

    @BeforeEach
    void setUp() {
        if (siteId == null) {
            siteId = Sites.create("acme");
        }
    }

    private static Response start(String site, String phone, String purpose) {
        return given().contentType(ContentType.JSON).header("Origin", Sites.ORIGIN)
                .body("""
                        {"siteId": "%s", "phone": "%s", "purpose": "%s", "language": "en"}"""
                        .formatted(site, phone, purpose))
                .when().post("/v1/otp/challenges");
    }

    private static Response verify(String challengeId, String phone, String code) {
        return given().contentType(ContentType.JSON).header("User-Agent", "JUnit-Browser/1.0")
                .body("""
                        {"challengeId": "%s", "phone": "%s", "code": "%s"}""".formatted(challengeId, phone, code))
                .when().post("/v1/otp/verifications");
    }

    private static String startedChallenge(String phone) {
        return start(siteId, phone, Sites.SMS_PURPOSE).then().log().ifValidationFails().statusCode(202).extract().path("challengeId");
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void aVerifiedCodeOptsTheNumberInWithTheChallengeAsProof() throws Exception {
        String phone = SmsNumbers.newNumber();

        Response started = start(siteId, phone, Sites.SMS_PURPOSE);
        started.then().statusCode(202).body("challengeId", notNullValue()).body("expiresAt", notNullValue());
        String challengeId = started.path("challengeId");
        String code = RecordingSmsSender.lastCodeTo(phone).orElseThrow();
        assertThat(code).matches("[0-9]{6}");

        Response verified = verify(challengeId, phone, code);

        verified.then().statusCode(201)
                .body("challengeId", equalTo(challengeId))
                .body("purpose", equalTo(Sites.SMS_PURPOSE))
                .body("channel", equalTo("sms"))
                .body("verifiedAt", notNullValue());
        Map<String, Object> claims = Receipts.verifiedClaims(verified.path("signature"));
        assertThat(claims).containsEntry("challengeId", challengeId).containsEntry("receipt", "sms-opt-in");
        String receiptId = verified.path("receiptId");
        CloudEvent<ConsentSubmission> event = Submissions.find(e -> e.id().equals(receiptId));
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.subject()).startsWith("phone:").doesNotContain(phone.substring(1));
        ConsentSubmission s = event.data();
        assertThat(s.identifier().type()).isEqualTo(IdentifierType.PHONE);
        assertThat(s.identifier().value()).isEqualTo(phone);
        assertThat(s.channel()).isEqualTo(Channel.SMS);
        assertThat(s.source()).isEqualTo(ConsentSource.OTP);
        assertThat(s.choices()).containsExactly(new PurposeChoice(Sites.SMS_PURPOSE, ConsentStatus.GRANTED));
        assertThat(s.policyVersion()).isEqualTo(Sites.VERSION);
        assertThat(s.evidence().otpChallengeId()).isEqualTo(challengeId);
        assertThat(s.evidence().userAgent()).isEqualTo("JUnit-Browser/1.0");
    }

    @Test
    void aCodeIsSingleUse() {
        String phone = SmsNumbers.newNumber();
        String challengeId = startedChallenge(phone);
        String code = RecordingSmsSender.lastCodeTo(phone).orElseThrow();

        verify(challengeId, phone, code).then().statusCode(201);
        verify(challengeId, phone, code).then().statusCode(400).body("type", equalTo("urn:consentline:problem:code-not-accepted"));
    }

    @Test
    void afterTooManyWrongCodesEvenTheRightOneIsRefused() {
        String phone = SmsNumbers.newNumber();
        String challengeId = startedChallenge(phone);
        String code = RecordingSmsSender.lastCodeTo(phone).orElseThrow();

        for (int i = 0; i < 5; i++) {
            verify(challengeId, phone, wrong(code)).then().statusCode(400).body("field", equalTo("code"));
        }
        verify(challengeId, phone, code).then().statusCode(400).body("field", equalTo("code"));
    }

    @Test
    void theRightCodeFromAnotherNumberIsRefusedLikeAnyOtherFailure() {
        String phone = SmsNumbers.newNumber();
        String challengeId = startedChallenge(phone);
        String code = RecordingSmsSender.lastCodeTo(phone).orElseThrow();

        String otherNumber = verify(challengeId, SmsNumbers.newNumber(), code).then().statusCode(400).extract().asString();
        String unknownChallenge = verify("6f1c2d7e-0a4b-4c36-9d1e-2b8f7a5c3e90", phone, code).then().statusCode(400)
                .extract().asString();

        assertThat(otherNumber).isEqualTo(unknownChallenge);
    }

    @Test
    void theAnswerToAStartIsTheSameWhetherOrNotTheNumberIsKnown() {
        String known = SmsNumbers.newNumber();
        String challengeId = startedChallenge(known);
        verify(challengeId, known, RecordingSmsSender.lastCodeTo(known).orElseThrow()).then().statusCode(201);
        String unknown = SmsNumbers.newNumber();
        // another site of the tenant: codes are throttled per number and site
        String otherSite = Sites.create("acme");

        Response forKnown = start(otherSite, known, Sites.SMS_PURPOSE);
        Response forUnknown = start(otherSite, unknown, Sites.SMS_PURPOSE);

        assertThat(forKnown.statusCode()).isEqualTo(forUnknown.statusCode()).isEqualTo(202);
        assertThat(forKnown.jsonPath().getMap("").keySet()).isEqualTo(forUnknown.jsonPath().getMap("").keySet());
    }

    @Test
    void aSecondCodeForTheSameNumberRightAwayIsThrottled() {
        String phone = SmsNumbers.newNumber();
        startedChallenge(phone);

        start(siteId, phone, Sites.SMS_PURPOSE).then().statusCode(429).contentType(PROBLEM)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"));
        assertThat(RecordingSmsSender.sentTo(phone)).hasSize(1);
    }

    @Nested
    class BadInput {

        @Test
        void aPurposeTheSiteDoesNotOfferIsRefusedAndNoCodeIsSent() {
            String phone = SmsNumbers.newNumber();

            start(siteId, phone, "analytics").then().statusCode(400).contentType(PROBLEM)
                    .body("field", equalTo("purpose"))
                    .body("type", equalTo("urn:consentline:problem:purpose-not-offered"));
            assertThat(RecordingSmsSender.sentTo(phone)).isEmpty();
        }

        @Test
        void aNumberWithoutCountryCodeIsNamed() {
            start(siteId, "07911 123456", Sites.SMS_PURPOSE).then().statusCode(400).contentType(PROBLEM)
                    .body("field", equalTo("phone"));
        }

        @Test
        void anUnknownSiteIsNamed() {
            start("no-such-site", SmsNumbers.newNumber(), Sites.SMS_PURPOSE).then().statusCode(400)
                    .body("field", equalTo("siteId"));
        }

        @Test
        void missingFieldsAreNamed() {
            given().contentType(ContentType.JSON).body("{\"siteId\": \"" + siteId + "\", \"purpose\": \"sms_marketing\"}")
                    .when().post("/v1/otp/challenges").then().statusCode(400).contentType(PROBLEM)
                    .body("field", equalTo("phone"));
            given().contentType(ContentType.JSON).body("{\"challengeId\": \"x\", \"phone\": \"+447911123456\"}")
                    .when().post("/v1/otp/verifications").then().statusCode(400).contentType(PROBLEM)
                    .body("field", equalTo("code"));
        }

        @Test
        void malformedJsonIsNamed() {
            given().contentType(ContentType.JSON).body("{\"siteId\": ").when().post("/v1/otp/challenges")
                    .then().statusCode(400).contentType(PROBLEM).body("field", equalTo("body"));
        }

        @Test
        void aMalformedChallengeIdIsNamed() {
            verify("not-a-challenge", "+447911123456", "123456").then().statusCode(400).body("field", equalTo("challengeId"));
        }

        @Test
        void aCodeThatIsNoCodeIsNotAccepted() {
            verify("6f1c2d7e-0a4b-4c36-9d1e-2b8f7a5c3e90", "+447911123456", "abc").then().statusCode(400)
                    .body("field", equalTo("code"));
        }

        @Test
        void anInvalidLanguageIsNamed() {
            given().contentType(ContentType.JSON).body("""
                    {"siteId": "%s", "phone": "%s", "purpose": "sms_marketing", "language": "english please"}"""
                    .formatted(siteId, SmsNumbers.newNumber()))
                    .when().post("/v1/otp/challenges").then().statusCode(400).body("field", equalTo("language"));
        }

        @Test
        void aPageOfAnOriginTheSiteDoesNotAllowIsRefused() {
            given().contentType(ContentType.JSON).header("Origin", "https://evil.example").body("""
                    {"siteId": "%s", "phone": "%s", "purpose": "sms_marketing"}""".formatted(siteId, SmsNumbers.newNumber()))
                    .when().post("/v1/otp/challenges").then().statusCode(403).body("field", equalTo("Origin"));
        }
    }
}
