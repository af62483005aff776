package io.consentline.gateway.messaging;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Uni;

/**
 * Sends through Twilio's Messages API ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, basic auth with
 * the account SID and auth token). {@code from} is a Twilio number or a messaging service SID ({@code MG...}).
 */
public class TwilioSmsSender implements SmsSender {

    private final String apiUrl;
    private final String accountSid;
    private final String authToken;
    private final String from;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TwilioSmsSender(String apiUrl, String accountSid, String authToken, String from) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.from = from;
    }

    @Override
    public Uni<Void> send(String to, String text) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("To", to);
        form.put(from.startsWith("MG") ? "MessagingServiceSid" : "From", from);
        form.put("Body", text);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String credentials = Base64.getEncoder()
                .encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(apiUrl + "/2010-04-01/Accounts/" + accountSid + "/Messages.json"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + credentials)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return Uni.createFrom().completionStage(() -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .map(response -> {
                    if (response.statusCode() / 100 != 2) {
                        throw new IllegalStateException("Twilio answered " + response.statusCode());
                    }
                    return null;
                });
    }
}
