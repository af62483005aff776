package io.consentline.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Limits of the public edge that the endpoint tests do not cover: every public endpoint refuses bodies over the
 * cap (16 KiB) with 413 problem+json before reading them, and bodies of unknown length with 411 — not only the
 * choices endpoint ({@code ChoiceResourceTest}): one-time codes and the SMS webhook too, the webhook before its
 * signature is even checked; and code checks are rate-limited per client address, so codes cannot be guessed by
 * brute force across challenges; URLs over 4,096 characters are 414 problem+json.
 */
@QuarkusTest
class PublicEdgeLimitsTest {

    private static final String PADDING = "x".repeat(20_000);
    private static final Random RANDOM = new Random();

    @Test
    void anOversizedOneTimeCodeRequestIs413() {
        for (String path : new String[] { "/v1/otp/challenges", "/v1/otp/verifications" }) {
            given().contentType(ContentType.JSON).body("{\"padding\": \"" + PADDING + "\"}")
                    .when().post(path)
                    .then().statusCode(413).contentType("application/problem+json").body("field", equalTo("body"));
        }
    }

    /**
     * A URL over 4,096 characters is 414 problem+json naming its longest part; a URL under the server's own limit
     * (64 KiB) but over ours never gets the server's bare 414.
     */
    @Test
    void anOverlongUrlIs414NamingItsLongestPart() {
        String site = Sites.create("acme");
        given().queryParam("lang", "en").queryParam("padding", "y".repeat(10_000))
                .when().get("/v1/sites/" + site + "/banner")
                .then().statusCode(414).contentType("application/problem+json")
                .body("type", equalTo("urn:consentline:problem:url-too-long"))
                .body("field", equalTo("padding"));
        given().when().get("/v1/sites/" + "s".repeat(5_000) + "/banner")
                .then().statusCode(414).contentType("application/problem+json").body("field", equalTo("path"));
        given().queryParam("lang", "en").queryParam("padding", "y".repeat(3_000))
                .when().get("/v1/sites/" + site + "/banner")
                .then().statusCode(200);
    }

    @Test
    void anOversizedWebhookIs413BeforeItsSignatureIsChecked() {
        given().contentType("application/x-www-form-urlencoded").formParam("Body", PADDING)
                .formParam("From", "+447400000001").formParam("MessageSid", "SM1")
                .when().post("/v1/sms/inbound")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void aGuesserOfOneTimeCodesIsThrottledPerAddressWhateverItSends() throws Exception {
        int capacity = ConfigProvider.getConfig().getValue("consentline.gateway.rate-limit.capacity", Integer.class);
        // an address of its own on the loopback network, so no other test shares (or drains) its bucket
        InetAddress guesser = InetAddress.getByName("127.0.%d.%d".formatted(1 + RANDOM.nextInt(250),
                1 + RANDOM.nextInt(250)));
        String body = "{\"challengeId\": \"%s\", \"phone\": \"+447400000001\", \"code\": \"000000\"}"
                .formatted(UUID.randomUUID());

        for (int attempt = 1; attempt <= capacity; attempt++) {
            assertThat(statusLineOf(post(guesser, "/v1/otp/verifications", body))).as("attempt %d", attempt)
                    .doesNotContain(" 429 ");
        }
        String refused = post(guesser, "/v1/otp/verifications", body);

        assertThat(statusLineOf(refused)).contains(" 429 ");
        assertThat(refused).containsIgnoringCase("Retry-After:").contains("application/problem+json");
        assertThat(statusLineOf(post(InetAddress.getByName("127.0.0.1"), "/v1/otp/verifications", body)))
                .as("another address is not throttled").doesNotContain(" 429 ");
    }

    /** A whole HTTP/1.1 exchange over a socket bound to the given local address (Java's clients cannot bind). */
    private static String post(InetAddress from, String path, String json) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), RestAssured.port, from, 0)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String statusLineOf(String response) {
        int end = response.indexOf("\r\n");
        return end < 0 ? response : response.substring(0, end) + " ";
    }

    @Test
    void aBodyOfUnknownLengthIs411() throws Exception {
        byte[] body = "{\"siteId\": \"demo\"}".getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + "/v1/choices"))
                .header("Content-Type", "application/json")
                // a stream of unknown length is sent chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(411);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }
}
