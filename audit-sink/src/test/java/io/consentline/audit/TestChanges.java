package io.consentline.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.ReceivedEvent;
import io.consentline.audit.service.RecordingService;

import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.Topics;

/** Builds {@code consent.changed.v1} events as consent-service publishes them. */
public final class TestChanges {

    private TestChanges() {
    }

    /** A banner visitor's change of one purpose, for tenant acme. */
    public static CloudEvent<ConsentChanged> change(String subjectId, String visitor, String purpose,
            ConsentStatus before, ConsentStatus after) {
        return change("acme", subjectId, visitor, purpose, before, after);
    }

    public static CloudEvent<ConsentChanged> change(String tenant, String subjectId, String visitor, String purpose,
            ConsentStatus before, ConsentStatus after) {
        Instant changedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ConsentChanged data = new ConsentChanged(subjectId, new Identifier(IdentifierType.VISITOR, visitor), purpose,
                Channel.WEB, before, after, ConsentSource.BANNER, "2026-01", "sha256:policy-text",
                Evidence.ofBanner("site-1", "203.0.113.7", "JUnit").withGlobalPrivacyControl(true), changedAt, "submission-" + UUID.randomUUID());
        return CloudEvent.of(UUID.randomUUID().toString(), "/consent-service", EventTypes.CHANGED, tenant, subjectId,
                changedAt, data);
    }

    /** Records the event as if read from consent.changes.v1, and waits until it is durable. */
    public static CloudEvent<ConsentChanged> recorded(RecordingService recording, CloudEvent<ConsentChanged> event) {
        RecordingService.Outcome outcome = recording.record(List.of(new ReceivedEvent(
                new LogPosition(topic(Topics.CHANGES), 0, 0), event.partitionKey(), EventCodec.encode(event))))
                .await().atMost(Duration.ofSeconds(10));
        if (!outcome.poison().isEmpty()) {
            throw new AssertionError("refused: " + outcome.poison());
        }
        return event;
    }

    /** The topic's name as the service under test sees it (with the run's prefix on a shared broker). */
    public static String topic(String name) {
        return ConfigProvider.getConfig().getOptionalValue("consentline.topic-prefix", String.class).orElse("")
                + name;
    }
}
