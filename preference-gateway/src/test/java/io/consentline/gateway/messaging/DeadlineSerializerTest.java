package io.consentline.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.consentline.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;

/** A submission past its hand-over deadline never reaches the broker; one within it arrives, without the header. */
@QuarkusTest
class DeadlineSerializerTest {

    private final DeadlineSerializer serializer = new DeadlineSerializer();

    @Test
    void aRecordPastItsDeadlineIsRefusedAndOneWithinItIsTextWithoutTheHeader() {
        assertThatThrownBy(() -> serializer.serialize("t", headers(System.currentTimeMillis() - 1), "late"))
                .isInstanceOf(SerializationException.class);

        RecordHeaders inTime = headers(System.currentTimeMillis() + 60_000);
        assertThat(serializer.serialize("t", inTime, "zoë")).isEqualTo("zoë".getBytes(StandardCharsets.UTF_8));
        assertThat(inTime.lastHeader(DeadlineSerializer.SEND_BY)).isNull();
        assertThat(serializer.serialize("t", new RecordHeaders(), "no deadline")).isNotNull();
    }

    @Test
    void theHandOverWindowLeavesTheProducerItsDeliveryTimeoutBeforeTheCallerIsAnswered() {
        assertThat(SubmissionPublisher.handOverWithin(Duration.ofSeconds(10), Duration.ofSeconds(4)))
                .isEqualTo(Duration.ofSeconds(5));
        assertThatThrownBy(() -> SubmissionPublisher.handOverWithin(Duration.ofSeconds(10), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publish-timeout");
    }

    @Test
    void onARealBrokerOnlyTheRecordWithinItsDeadlineIsWritten() throws Exception {
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        String topic = "deadline-test-" + UUID.randomUUID();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, DeadlineSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, null, "k", "too late",
                    headers(System.currentTimeMillis() - 1))).get(30, TimeUnit.SECONDS))
                    .isInstanceOfAny(SerializationException.class, ExecutionException.class);
            producer.send(new ProducerRecord<>(topic, null, "k", "in time", headers(System.currentTimeMillis() + 60_000)))
                    .get(30, TimeUnit.SECONDS);
        }
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            var records = kafka.readUntil(topic, seen -> !seen.isEmpty(), Duration.ofSeconds(20));
            // give a late record every chance to show up behind the first
            records = kafka.readUntil(topic, seen -> seen.size() > 1, Duration.ofSeconds(2));
            assertThat(records).extracting(r -> r.value()).containsExactly("in time");
            assertThat(records.get(0).headers().lastHeader(DeadlineSerializer.SEND_BY)).isNull();
        }
    }

    private static RecordHeaders headers(long sendBy) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadlineSerializer.SEND_BY, Long.toString(sendBy).getBytes(StandardCharsets.US_ASCII));
        return headers;
    }
}
