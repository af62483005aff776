package io.consentline.gateway.messaging;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.Topics;
import io.consentline.gateway.config.GatewayConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Puts submissions on {@code consent.submissions.v1} as structured-mode CloudEvents, keyed by tenant and subject, in
 * Kafka transactions ({@link TransactionalSender}). The returned Uni completes only when the transaction that carried
 * the submission committed (acks=all), and fails otherwise: the gateway confirms nothing the broker did not take,
 * and a submission answered with a failure is not visible to the consumers, which read committed records only.
 * <p>
 * Time: the caller waits at most {@code consentline.gateway.publish-timeout}. A send still waiting in line when less
 * than a transaction's longest run (see {@link #transactionBound}) and a margin remain is refused and never sent;
 * one that was taken into a transaction is answered by the sender, which knows how its transaction ended.
 */
@ApplicationScoped
public class SubmissionPublisher {

    /** The prefix of the submissions producer's Kafka settings, passed to the producer as they are. */
    public static final String PRODUCER_PREFIX = "consentline.submissions-producer.";

    private static final Logger LOG = Logger.getLogger(SubmissionPublisher.class);
    private static final String CONTENT_TYPE = CloudEvent.CONTENT_TYPE + "; charset=UTF-8";
    /** Time left for the sender's answer to reach the caller. */
    private static final Duration ANSWER_MARGIN = Duration.ofSeconds(1);

    private final String topic;
    private final Duration timeout;
    private final Duration handOverWithin;
    private final TransactionalSender sender;

    SubmissionPublisher(GatewayConfig config, Config all) {
        this.topic = all.getOptionalValue("consentline.topic-prefix", String.class).orElse("") + Topics.SUBMISSIONS;
        this.timeout = config.publishTimeout();
        Map<String, Object> settings = producerSettings(all, config.submissions().transactionalId()
                .orElseGet(() -> defaultTransactionalId(all)));
        this.handOverWithin = handOverWithin(timeout, transactionBound(settings));
        LOG.infof("submissions go to %s in transactions of %s (hand-over within %s of a %s wait)", topic,
                settings.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG), handOverWithin, timeout);
        this.sender = new TransactionalSender(
                () -> new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer()),
                config.submissions().maxPerTransaction()).start();
    }

    /**
     * Completes when the submission is committed on the topic; fails when it is not, or may not be. A failure is
     * logged here, once, with the event id and the sender's reason; callers only turn it into their answer.
     */
    public Uni<Void> publish(CloudEvent<ConsentSubmission> event) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.partitionKey(),
                EventCodec.encode(event));
        record.headers().add("content-type", CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        PendingSend send = new PendingSend(record, System.nanoTime() + handOverWithin.toNanos());
        sender.submit(send);
        Uni<Void> answer = Uni.createFrom().completionStage(send.outcome())
                .ifNoItem().after(timeout).recoverWithUni(() -> send.abandon()
                        // never taken, and now never will be: it is not sent
                        ? Uni.createFrom().failure(new TimeoutException("not handed to Kafka within " + timeout))
                        // taken: the sender answers within the transaction's bounds; this only guards against a hang
                        : Uni.createFrom().completionStage(send.outcome()).ifNoItem().after(timeout)
                                .failWith(() -> new SubmissionOutcomeUnknownException("no answer from the sender",
                                        null)));
        // the sender's thread completes the outcome: go on where the caller was (Hibernate Reactive needs its context)
        Context context = Vertx.currentContext();
        return (context == null ? answer : answer.emitOn(task -> context.runOnContext(ignored -> task.run())))
                .onFailure().invoke(e -> LOG.warnf("submission %s (%s, %s) not committed to Kafka: %s", event.id(),
                        event.data().source(), event.data().channel(), reason(e)));
    }

    private static String reason(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @PreDestroy
    void stop() {
        sender.close();
    }

    /** The producer's settings: {@value #PRODUCER_PREFIX}* over Kafka's {@code kafka.bootstrap.servers}. */
    static Map<String, Object> producerSettings(Config all, String transactionalId) {
        Map<String, Object> settings = new HashMap<>();
        all.getOptionalValue("kafka.bootstrap.servers", String.class)
                .ifPresent(servers -> settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers));
        for (String name : all.getPropertyNames()) {
            if (name.startsWith(PRODUCER_PREFIX)) {
                settings.put(name.substring(PRODUCER_PREFIX.length()), all.getValue(name, String.class));
            }
        }
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return settings;
    }

    /**
     * The longest a transaction runs once its submissions were taken: a send may wait {@code max.block.ms} for the
     * topic's metadata, every record is acknowledged or failed within {@code delivery.timeout.ms}, and the commit
     * waits at most {@code max.block.ms}.
     */
    static Duration transactionBound(Map<String, Object> settings) {
        long maxBlock = millis(settings, ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        long delivery = millis(settings, ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        return Duration.ofMillis(2 * maxBlock + delivery);
    }

    /** How long a send may wait in line: the caller's wait less a transaction's longest run and a margin. */
    static Duration handOverWithin(Duration publishTimeout, Duration transactionBound) {
        Duration left = publishTimeout.minus(transactionBound).minus(ANSWER_MARGIN);
        if (left.isNegative() || left.isZero()) {
            throw new IllegalArgumentException("consentline.gateway.publish-timeout (" + publishTimeout
                    + ") must exceed the submissions producer's 2 × max.block.ms + delivery.timeout.ms ("
                    + transactionBound + ") by more than " + ANSWER_MARGIN
                    + ": otherwise a send could be answered 503 before its transaction ended");
        }
        return left;
    }

    private static long millis(Map<String, Object> settings, String key, long kafkaDefault) {
        Object value = settings.get(key);
        return value == null ? kafkaDefault : Long.parseLong(value.toString().trim());
    }

    /** One per gateway instance and the same across its restarts: host name and HTTP port. */
    private static String defaultTransactionalId(Config all) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return "preference-gateway-" + host + "-" + all.getOptionalValue("quarkus.http.port", String.class)
                .orElse("8080");
    }
}
