package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import io.consentline.gateway.domain.sms.TwilioSignature;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

@QuarkusTest
class SmsWebhookResourceTest {

    private static final String TOKEN = "test-only-twilio-auth-token";
    private static final String PATH = "/v1/sms/inbound";
    private static String providerNumber;

    @BeforeEach
    void setUp() {
        if (providerNumber == null) {
            providerNumber = SmsNumbers.register("acme");
        }
    }

    private static Map<String, String> message(String from, String body) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("AccountSid", "AC0123456789abcdef0123456789abcdef");
        params.put("From", from);
        params.put("To", providerNumber);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    private static String url() {
        return "http://localhost:" + RestAssured.port + PATH;
    }

    private static String signatureOf(Map<String, String> params, String token) {
        Map<String, List<String>> multi = new LinkedHashMap<>();
        params.forEach((k, v) -> multi.put(k, List.of(v)));
        return TwilioSignature.of(token, url(), multi);
    }

    private static Response post(Map<String, String> params, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(params);
        if (signature != null) {
            request = request.header("X-Twilio-Signature", signature);
        }
        return request.when().post(PATH);
    }

    private static Response signed(Map<String, String> params) {
        return post(params, signatureOf(params, TOKEN));
    }

    private static CloudEvent<ConsentSubmission> published(String messageSid) {
        return Submissions.find(e -> messageSid.equals(e.data().evidence() == null ? null : e.data().evidence().messageId()));
    }

    @Test
    void stopPublishesOneBlanketSmsWithdrawalAndRepliesInTwiML() {
        String from = SmsNumbers.newNumber();
        Map<String, String> params = message(from, " Stop ");

        signed(params).then().statusCode(200).contentType("application/xml")
                .body(containsString("<Response><Message>You have been unsubscribed"));

        CloudEvent<ConsentSubmission> event = published(params.get("MessageSid"));
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.subject()).startsWith("phone:").doesNotContain(from.substring(1));
        assertThat(event.partitionKey()).doesNotContain(from.substring(1));
        ConsentSubmission s = event.data();
        assertThat(s.identifier().type()).isEqualTo(IdentifierType.PHONE);
        assertThat(s.identifier().value()).isEqualTo(from);
        assertThat(s.channel()).isEqualTo(Channel.SMS);
        assertThat(s.source()).isEqualTo(ConsentSource.SMS_KEYWORD);
        assertThat(s.choices()).containsExactly(new PurposeChoice(PurposeChoice.ALL_PURPOSES, ConsentStatus.DENIED));
        assertThat(s.evidence().matchedRule()).isEqualTo("keyword:STOP");
    }

    @Test
    void aClearFreeTextOptOutIsAWithdrawalTooAndNamesItsRule() {
        Map<String, String> params = message(SmsNumbers.newNumber(), "Please stop texting me!");

        signed(params).then().statusCode(200).body(containsString("unsubscribed"));

        assertThat(published(params.get("MessageSid")).data().evidence().matchedRule())
                .isEqualTo("free-text:stop-messaging");
    }

    @Test
    void startLiftsTheBlanketOptOutForTheSameSubject() {
        String from = SmsNumbers.newNumber();
        Map<String, String> stop = message(from, "STOP");
        Map<String, String> start = message(from, "START");

        signed(stop).then().statusCode(200);
        signed(start).then().statusCode(200).body(containsString("resubscribed"));

        CloudEvent<ConsentSubmission> optIn = published(start.get("MessageSid"));
        assertThat(optIn.data().choices())
                .containsExactly(new PurposeChoice(PurposeChoice.ALL_PURPOSES, ConsentStatus.GRANTED));
        assertThat(optIn.subject()).isEqualTo(published(stop.get("MessageSid")).subject());
    }

    @Test
    void helpIsAnsweredAndRecordsNothing() {
        Map<String, String> help = message(SmsNumbers.newNumber(), "HELP");
        Map<String, String> marker = message(help.get("From"), "STOP");

        signed(help).then().statusCode(200).body(containsString("Reply STOP to unsubscribe"));
        signed(marker).then().statusCode(200);

        // same subject, same partition: once the later STOP is read, an earlier HELP event would have been too
        assertThat(Submissions.readUntil(e -> marker.get("MessageSid").equals(messageIdOf(e))))
                .noneMatch(e -> help.get("MessageSid").equals(messageIdOf(e)));
    }

    @Test
    void anOrdinaryMessageGetsAnEmptyTwiMLAnswer() {
        signed(message(SmsNumbers.newNumber(), "What time do you open?")).then().statusCode(200)
                .body(equalTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>"));
    }

    @Test
    void aMessageToAnUnregisteredNumberIsAnsweredButNotRecorded() {
        Map<String, String> params = message(SmsNumbers.newNumber(), "STOP");
        params.put("To", SmsNumbers.newNumber());

        signed(params).then().statusCode(200).body(not(containsString("unsubscribed")));
    }

    private static String messageIdOf(CloudEvent<ConsentSubmission> e) {
        return e.data().evidence() == null ? null : e.data().evidence().messageId();
    }

    @Nested
    class Refusals {

        @Test
        void anUnsignedCallIsRefused() {
            post(message(SmsNumbers.newNumber(), "STOP"), null).then().statusCode(403)
                    .contentType("application/problem+json")
                    .body("field", equalTo("X-Twilio-Signature"));
        }

        @Test
        void aCallSignedWithAnotherTokenIsRefused() {
            Map<String, String> params = message(SmsNumbers.newNumber(), "STOP");

            post(params, signatureOf(params, "someone-elses-token")).then().statusCode(403);
        }

        @Test
        void aSignedMessageWhoseBodyWasChangedIsRefused() {
            Map<String, String> params = message(SmsNumbers.newNumber(), "HELP");
            String signature = signatureOf(params, TOKEN);
            params.put("Body", "START");

            post(params, signature).then().statusCode(403);
        }

        @Test
        void aSignedCallWithoutFromIsAProblemNamingIt() {
            Map<String, String> params = message(SmsNumbers.newNumber(), "STOP");
            params.remove("From");

            signed(params).then().statusCode(400).contentType("application/problem+json").body("field", equalTo("From"));
        }

        @Test
        void aSignedCallWithoutMessageSidIsAProblemNamingIt() {
            Map<String, String> params = message(SmsNumbers.newNumber(), "STOP");
            params.remove("MessageSid");

            signed(params).then().statusCode(400).body("field", equalTo("MessageSid"));
        }
    }
}
