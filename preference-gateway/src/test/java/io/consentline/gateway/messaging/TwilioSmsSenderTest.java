package io.consentline.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Sending through Twilio's Messages API, against a stand-in of it on the loopback address. */
class TwilioSmsSenderTest {

    private HttpServer twilio;
    private final AtomicReference<String> path = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private final AtomicReference<String> body = new AtomicReference<>();
    private volatile int status = 201;

    @BeforeEach
    void startTwilio() throws IOException {
        twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        twilio.createContext("/", exchange -> {
            path.set(exchange.getRequestURI().getPath());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            body.set(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        twilio.start();
    }

    @AfterEach
    void stopTwilio() {
        twilio.stop(0);
    }

    private TwilioSmsSender sender(String from) {
        return new TwilioSmsSender("http://127.0.0.1:" + twilio.getAddress().getPort(), "AC123", "secret-token", from);
    }

    @Test
    void postsTheMessageToTheAccountsMessagesResourceWithBasicAuth() {
        sender("+447700900001").send("+447911123456", "493817 is your code").await().atMost(Duration.ofSeconds(10));

        assertThat(path.get()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(authorization.get()).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString("AC123:secret-token".getBytes(StandardCharsets.UTF_8)));
        assertThat(body.get()).isEqualTo("To=+447911123456&From=+447700900001&Body=493817 is your code");
    }

    @Test
    void aMessagingServiceSendsInsteadOfANumber() {
        sender("MG0123").send("+447911123456", "hi").await().atMost(Duration.ofSeconds(10));

        assertThat(body.get()).contains("MessagingServiceSid=MG0123").doesNotContain("From=");
    }

    @Test
    void aRefusalFailsTheSend() {
        status = 400;

        assertThatThrownBy(() -> sender("+447700900001").send("+447911123456", "hi").await()
                .atMost(Duration.ofSeconds(10))).hasMessageContaining("400");
    }
}
