package io.consentline.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.consentline.deploy.LauncherSettings;
import io.consentline.deploy.LocalSystem;
import io.restassured.http.ContentType;

/**
 * SMS end to end: a number opts in by one-time code (read from the gateway's log, where the local SmsSender
 * writes it), consent-service allows texting it; the person texts STOP to the tenant's number through the
 * (signed) Twilio webhook, and consent-service denies it.
 */
class SmsOptInAndStopIT {

    private static final Pattern CODE = Pattern.compile("SMS to phone:\\*\\*\\*(\\d\\d): (\\d{6}) is your");
    private static LocalSystem system;
    private static LauncherSettings settings;

    @BeforeAll
    static void startTheSystem() {
        system = SharedSystem.get();
        settings = system.settings();
    }

    @Test
    void anOtpOptInAllowsTextsAndAStopReplyWithdrawsIt() throws Exception {
        String tenant = "acme";
        String siteId = "sms-" + UUID.randomUUID().toString().substring(0, 8);
        String phone = "+447400" + String.format("%06d", new java.util.Random().nextInt(1_000_000));
        String providerNumber = "+447500" + String.format("%06d", new java.util.Random().nextInt(1_000_000));
        String admin = system.token(tenant, "admin");
        given().baseUri(settings.gatewayUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("""
                        {"id":"%s","name":"Shop","allowedOrigins":["https://shop.example"],"categories":[],
                         "policyVersion":"2026-01","smsPurposes":["marketing"]}""".formatted(siteId))
                .when().post("/v1/admin/sites").then().statusCode(201);
        given().baseUri(settings.gatewayUrl()).auth().oauth2(admin).contentType(ContentType.JSON)
                .body("{\"number\":\"" + providerNumber + "\"}")
                .when().post("/v1/admin/sms-numbers").then().statusCode(201);

        // double opt-in: a code to the number, proven back
        String challengeId = given().baseUri(settings.gatewayUrl()).contentType(ContentType.JSON)
                .body("""
                        {"siteId":"%s","phone":"%s","purpose":"marketing","language":"en"}""".formatted(siteId, phone))
                .when().post("/v1/otp/challenges").then().statusCode(202).extract().path("challengeId");
        String code = await().atMost(Duration.ofSeconds(10)).until(() -> codeSentTo(phone), c -> c != null);
        given().baseUri(settings.gatewayUrl()).contentType(ContentType.JSON)
                .body("""
                        {"challengeId":"%s","phone":"%s","code":"%s"}""".formatted(challengeId, phone, code))
                .when().post("/v1/otp/verifications").then().statusCode(201);

        // checked at noon UTC tomorrow: inside the calling window whenever the test runs
        String noon = LocalDate.now(ZoneOffset.UTC).plusDays(1).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                check(tenant, phone, noon).then().statusCode(200).body("decision", equalTo("ALLOW")));

        // the person texts STOP to the tenant's number; Twilio calls the webhook, signed
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("From", phone);
        params.put("To", providerNumber);
        params.put("Body", "Stop");
        String url = settings.gatewayUrl() + "/v1/sms/inbound";
        given().contentType("application/x-www-form-urlencoded; charset=UTF-8").formParams(params)
                .header("X-Twilio-Signature", twilioSignature(system.twilioAuthToken(), url, params))
                .when().post(url)
                .then().statusCode(200).body(containsString("unsubscribed"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                check(tenant, phone, noon).then().statusCode(200).body("decision", equalTo("DENY")));
    }

    private static io.restassured.response.Response check(String tenant, String phone, String at) {
        // encoded by hand: a bare + in a query string is a space
        String query = "?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8) + "&purpose=marketing&channel=sms&at="
                + URLEncoder.encode(at, StandardCharsets.UTF_8);
        return given().baseUri(settings.consentUrl()).urlEncodingEnabled(false)
                .auth().oauth2(system.token(tenant, "dialer")).when().get("/v1/check" + query);
    }

    /** The last code the local SmsSender logged for a number ending in the same two digits. */
    private static String codeSentTo(String phone) {
        String log = system.logOf(LocalSystem.GATEWAY).orElse("");
        String code = null;
        Matcher m = CODE.matcher(log);
        while (m.find()) {
            if (phone.endsWith(m.group(1))) {
                code = m.group(2);
            }
        }
        return code;
    }

    /** Twilio's X-Twilio-Signature: Base64 HMAC-SHA1 over the URL and the sorted parameters. */
    private static String twilioSignature(String token, String url, Map<String, String> params) throws Exception {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
