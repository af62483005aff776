package io.consentline.consent.service;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.consentline.consent.domain.PlannedChange;
import io.consentline.consent.repository.ConsentRecordEntity;
import io.consentline.consent.repository.OutboxEntity;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.EventTypes;
import io.consentline.events.Topics;

/** Builds the {@code consent.changed.v1} events, as outbox rows, for recorded changes. */
@ApplicationScoped
public class ChangeEvents {

    static final String SOURCE = "/consent-service";

    private final String changesTopic;

    ChangeEvents(@ConfigProperty(name = "consentline.topic-prefix") Optional<String> topicPrefix) {
        this.changesTopic = topicPrefix.orElse("") + Topics.CHANGES;
    }

    OutboxEntity outboxRow(CloudEvent<ConsentSubmission> cause, UUID subjectId, PlannedChange change,
            ConsentRecordEntity record, Instant now) {
        ConsentSubmission submission = cause.data();
        ConsentChanged changed = new ConsentChanged(subjectId.toString(), submission.identifier(), change.purpose(),
                change.channel(), change.before(), change.after(), submission.source(), record.policyVersion,
                record.policyTextHash, record.evidence, record.recordedAt, cause.id());
        CloudEvent<ConsentChanged> event = CloudEvent.of(UUID.randomUUID().toString(), SOURCE, EventTypes.CHANGED,
                cause.tenant(), subjectId.toString(), record.recordedAt, changed);
        return OutboxEntity.of(changesTopic, event.partitionKey(), EventCodec.encode(event), now);
    }
}
