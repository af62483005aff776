package io.consentline.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.consentline.testsupport.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's sender on a real broker: submissions are committed together, and whatever fails takes its whole
 * transaction with it, so a reader of committed records (as consent-service and audit-sink are) never sees it.
 */
@QuarkusTest
class TransactionalSenderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    private final String topic = "sender-test-" + UUID.randomUUID();

    private TransactionalSender sender(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sender-test-" + UUID.randomUUID());
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1500");
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2500");
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000");
        settings.putAll(overrides);
        return new TransactionalSender(() -> new KafkaProducer<>(settings, new StringSerializer(),
                new StringSerializer()), 500);
    }

    private PendingSend send(String value) {
        return new PendingSend(new ProducerRecord<>(topic, "k", value), System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
    }

    private List<String> committedValues(int atLeast) {
        try (KafkaTestClient kafka = new KafkaTestClient(bootstrap)) {
            return kafka.readUntil(topic, seen -> seen.size() >= atLeast, PATIENCE).stream()
                    .map(ConsumerRecord::value).toList();
        }
    }

    private static void await(PendingSend send) throws Exception {
        send.outcome().get(30, TimeUnit.SECONDS);
    }

    @Test
    void sendsWaitingTogetherAreCommittedTogether() throws Exception {
        List<PendingSend> sends = List.of(send("one"), send("two"), send("three"));
        try (TransactionalSender sender = sender(Map.of())) {
            sends.forEach(sender::submit);
            sender.start();
            for (PendingSend send : sends) {
                await(send);
            }
        }
        assertThat(committedValues(3)).containsExactly("one", "two", "three");
    }

    @Test
    void aRecordTheBrokerRefusesAbortsItsWholeTransactionAndTheNextOneCommits() throws Exception {
        PendingSend fine = send("fine");
        PendingSend tooLarge = send("x".repeat(4_000));
        PendingSend after = send("after");
        try (TransactionalSender sender = sender(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2000"))) {
            sender.submit(fine);
            sender.submit(tooLarge);
            sender.start();
            for (PendingSend failed : List.of(fine, tooLarge)) {
                assertThatThrownBy(() -> await(failed)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(SubmissionNotSentException.class);
            }
            sender.submit(after);
            await(after);
        }
        assertThat(committedValues(1)).as("what a reader of committed records sees").containsExactly("after");
    }

    @Test
    void aSendPastItsHandOverDeadlineIsNeverSent() throws Exception {
        PendingSend late = new PendingSend(new ProducerRecord<>(topic, "k", "late"), System.nanoTime() - 1);
        PendingSend inTime = send("in time");
        try (TransactionalSender sender = sender(Map.of())) {
            sender.submit(late);
            sender.submit(inTime);
            sender.start();
            await(inTime);
        }
        assertThatThrownBy(() -> await(late)).hasCauseInstanceOf(SubmissionNotSentException.class);
        assertThat(committedValues(1)).containsExactly("in time");
    }

    @Test
    void withoutABrokerASendIsRefusedOnceItsHandOverDeadlinePasses() {
        PendingSend send = new PendingSend(new ProducerRecord<>(topic, "k", "nowhere"),
                System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
        try (TransactionalSender sender = sender(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, "500"))) {
            sender.submit(send);
            sender.start();
            assertThatThrownBy(() -> await(send)).hasCauseInstanceOf(SubmissionNotSentException.class);
        }
    }
}
