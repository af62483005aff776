package io.consentline.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.HdrHistogram.Histogram;

import io.consentline.deploy.LocalSystem;

/**
 * Scenario 4: opt-out propagation. For each of N numbers with a live SMS grant, a signed Twilio webhook says
 * STOP; the time until a dialer's check first answers DENY. Baseline: one check's own round trip, the
 * resolution of the measurement.
 */
final class OptOutScenario {

    private static final String AT = "2026-11-23T12:00:00Z";
    private static final String PROVIDER_NUMBER = "+447400000001";

    private OptOutScenario() {
    }

    static ScenarioResult run(LocalSystem system, Mode mode) throws Exception {
        int n = switch (mode) {
            case SMOKE -> 10;
            case QUICK -> 200;
            case FULL -> 1000;
        };
        String consent = system.settings().consentUrl();
        String gateway = system.settings().gatewayUrl();
        String admin = system.token(Bench.TENANT, "admin");
        Api.send("PUT", consent + "/v1/admin/policy", admin, "application/json",
                "{\"defaultRegion\":\"GB\",\"purposes\":[\"sales_calls\",\"marketing\"]}");
        Api.send("POST", gateway + "/v1/admin/sms-numbers", admin, "application/json",
                "{\"number\":\"" + PROVIDER_NUMBER + "\"}");
        String agent = system.token(Bench.TENANT, "agent");
        for (int i = 0; i < n; i++) {
            Api.send("POST", consent + "/v1/consents", agent, "application/json", """
                    {"identifiers":[{"type":"phone","value":"%s"}],"purposes":["marketing"],"channels":["sms"],
                     "status":"GRANTED"}""".formatted(number(i)));
        }
        HttpClient http = HttpClient.newHttpClient();
        String dialer = system.token(Bench.TENANT, "dialer");
        Histogram propagation = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        Histogram checkRoundTrip = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        long timeouts = 0;
        long errors = 0;
        for (int i = 0; i < n; i++) {
            String phone = number(i);
            long started = System.nanoTime();
            if (!stop(http, gateway, system.twilioAuthToken(), phone)) {
                errors++;
                continue;
            }
            boolean denied = false;
            while (!denied && System.nanoTime() - started < TimeUnit.SECONDS.toNanos(10)) {
                long checkStarted = System.nanoTime();
                HttpResponse<String> answer = check(http, consent, dialer, phone);
                checkRoundTrip.recordValue((System.nanoTime() - checkStarted) / 1000);
                if (answer.statusCode() != 200) {
                    errors++;
                }
                denied = answer.statusCode() == 200 && answer.body().contains("\"DENY\"");
            }
            if (denied) {
                propagation.recordValue((System.nanoTime() - started) / 1000);
            } else {
                timeouts++;
            }
        }
        return ScenarioResult.named("opt-out-propagation")
                .measured("numbers", n)
                .measured("not_denied_within_10s", timeouts)
                .measured("errors", errors)
                .measured("p50_ms", ms(propagation, 50))
                .measured("p99_ms", ms(propagation, 99))
                .measured("p999_ms", ms(propagation, 99.9))
                .measured("max_ms", propagation.getMaxValue() / 1000.0)
                .baseline("what", "one check's round trip (the measurement's resolution)")
                .baseline("p50_ms", ms(checkRoundTrip, 50))
                .baseline("p99_ms", ms(checkRoundTrip, 99))
                .ratio("p99_vs_check_p99", ms(propagation, 99) / Math.max(0.001, ms(checkRoundTrip, 99)))
                .target("p99 < 200 ms from STOP webhook accepted to DENY")
                .notes("signed Twilio webhook → gateway (acks=all) → consent.submissions.v1 → consent-service "
                        + "(blanket SMS opt-out) → check polled back to back")
                .build();
    }

    private static String number(int i) {
        return Numbers.number(900_000 + i);
    }

    /** Sends a signed STOP; false (an error) if the webhook did not answer 200. */
    private static boolean stop(HttpClient http, String gateway, String token, String phone) throws Exception {
        String url = gateway + "/v1/sms/inbound";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        params.put("From", phone);
        params.put("To", PROVIDER_NUMBER);
        params.put("Body", "STOP");
        StringBuilder signed = new StringBuilder(url);
        new TreeMap<>(params).forEach((k, v) -> signed.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.toString()
                .getBytes(StandardCharsets.UTF_8)));
        String form = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-Twilio-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200;
    }

    private static HttpResponse<String> check(HttpClient http, String consent, String dialer, String phone)
            throws Exception {
        String query = "?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)
                + "&purpose=marketing&channel=sms&at=" + URLEncoder.encode(AT, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(consent + "/v1/check" + query))
                .header("Authorization", "Bearer " + dialer).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
