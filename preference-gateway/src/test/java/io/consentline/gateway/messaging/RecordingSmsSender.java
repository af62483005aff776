package io.consentline.gateway.messaging;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;

/** Replaces the SmsSender in tests: keeps what would have been sent, so a test can read its code. */
@Mock
public class RecordingSmsSender implements SmsSender {

    /** One message that would have been sent. */
    public record Sent(String to, String text) {
    }

    private static final List<Sent> SENT = new CopyOnWriteArrayList<>();

    @Override
    public Uni<Void> send(String to, String text) {
        SENT.add(new Sent(to, text));
        return Uni.createFrom().voidItem();
    }

    public static List<Sent> sentTo(String e164) {
        return SENT.stream().filter(s -> s.to().equals(e164)).toList();
    }

    /** The code of the last message to the number (the text starts with it). */
    public static Optional<String> lastCodeTo(String e164) {
        List<Sent> sent = sentTo(e164);
        return sent.isEmpty() ? Optional.empty() : Optional.of(sent.get(sent.size() - 1).text().split(" ")[0]);
    }
}
