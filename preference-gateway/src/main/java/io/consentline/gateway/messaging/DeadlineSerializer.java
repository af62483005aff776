package io.consentline.gateway.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes submissions as UTF-8 text, but refuses one whose hand-over deadline has passed (header
 * {@value #SEND_BY}, epoch milliseconds, removed before the record leaves). A refused record is never sent.
 * <p>
 * Why: while the broker is away, sends wait in line in front of the producer, and the caller is answered 503 when
 * {@code consentline.gateway.publish-timeout} is up. Without a deadline, such a send was still handed to the
 * producer once the broker came back, and a choice the visitor had been told was not recorded was recorded after
 * all. With it, a record is either handed over early enough for the producer to succeed or fail within its
 * {@code delivery.timeout.ms} before the caller's answer, or it is refused here.
 */
public class DeadlineSerializer implements Serializer<String> {

    /** The header that carries the hand-over deadline, epoch milliseconds as decimal text. */
    public static final String SEND_BY = "consentline-send-by";

    @Override
    public byte[] serialize(String topic, String data) {
        return data == null ? null : data.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] serialize(String topic, Headers headers, String data) {
        Header deadline = headers == null ? null : headers.lastHeader(SEND_BY);
        if (deadline != null) {
            headers.remove(SEND_BY);
            long sendBy = Long.parseLong(new String(deadline.value(), StandardCharsets.US_ASCII));
            if (System.currentTimeMillis() > sendBy) {
                throw new SerializationException("the submission's hand-over deadline passed; it was not sent");
            }
        }
        return serialize(topic, data);
    }
}
