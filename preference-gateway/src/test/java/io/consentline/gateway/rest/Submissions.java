package io.consentline.gateway.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.ConfigProvider;

import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.Topics;
import io.consentline.testsupport.KafkaTestClient;

/** Reads consent.submissions.v1 back, as consent-service would. */
final class Submissions {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private Submissions() {
    }

    static String topic() {
        return ConfigProvider.getConfig().getOptionalValue("consentline.topic-prefix", String.class).orElse("")
                + Topics.SUBMISSIONS;
    }

    /** Every submission on the topic, read until one matches; fails when none does in time. */
    static List<CloudEvent<ConsentSubmission>> readUntil(Predicate<CloudEvent<ConsentSubmission>> wanted) {
        try (KafkaTestClient kafka = new KafkaTestClient(
                ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class))) {
            List<CloudEvent<ConsentSubmission>> seen = kafka.readUntil(topic(),
                    records -> records.stream().map(r -> EventCodec.decodeSubmission(r.value())).anyMatch(wanted),
                    PATIENCE).stream().map(r -> EventCodec.decodeSubmission(r.value())).toList();
            assertThat(seen).as("the wanted submission is on the topic").anyMatch(wanted);
            return seen;
        }
    }

    /** The one submission that matches. */
    static CloudEvent<ConsentSubmission> find(Predicate<CloudEvent<ConsentSubmission>> wanted) {
        return readUntil(wanted).stream().filter(wanted).findFirst().orElseThrow();
    }
}
