package io.consentline.consent.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.consentline.consent.domain.ConsentKey;
import io.consentline.consent.domain.CurrentConsent;
import io.consentline.consent.repository.ConsentRecordEntity;
import io.consentline.consent.repository.OutboxEntity;
import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStateSnapshot;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.consentline.events.EventIds;
import io.consentline.events.EventTypes;
import io.consentline.events.Identifier;
import io.consentline.events.Topics;

/** Builds the {@code consent.changed.v1} event of a recorded change, as an outbox row. */
@ApplicationScoped
public class ChangeEvents {

    static final String SOURCE = "/consent-service";

    private final String changesTopic;
    private final String stateTopic;

    ChangeEvents(@ConfigProperty(name = "consentline.topic-prefix") Optional<String> topicPrefix) {
        this.changesTopic = topicPrefix.orElse("") + Topics.CHANGES;
        this.stateTopic = topicPrefix.orElse("") + Topics.STATE;
    }

    /** The subject's whole current state for the compacted state topic (key = tenant/subject). */
    OutboxEntity stateRow(String tenant, UUID subjectId, Identifier identifier,
            java.util.Map<ConsentKey, CurrentConsent> current, Instant now) {
        List<ConsentStateSnapshot.Consent> consents = current.entrySet().stream()
                .sorted(java.util.Map.Entry.comparingByKey(
                        java.util.Comparator.comparing(ConsentKey::purpose).thenComparing(ConsentKey::channel)))
                .map(e -> new ConsentStateSnapshot.Consent(e.getKey().purpose(), e.getKey().channel(),
                        e.getValue().status(), e.getValue().since(), e.getValue().expiresAt(), e.getValue().recordId()))
                .toList();
        ConsentStateSnapshot snapshot = new ConsentStateSnapshot(subjectId.toString(), identifier, consents, now);
        CloudEvent<ConsentStateSnapshot> event = CloudEvent.of(EventIds.next(), SOURCE, EventTypes.STATE,
                tenant, subjectId.toString(), now, snapshot);
        return OutboxEntity.of(stateTopic, event.partitionKey(), EventCodec.encode(event), now);
    }

    OutboxEntity outboxRow(ConsentRecordEntity record, Identifier identifier, ConsentStatus before,
            ConsentSource source, Instant now) {
        String subjectId = record.subjectId.toString();
        ConsentChanged changed = new ConsentChanged(subjectId, identifier, record.purpose,
                Channel.fromWireName(record.channel), before, record.status, source, record.policyVersion,
                record.policyTextHash, record.evidence, record.recordedAt, record.causationId);
        CloudEvent<ConsentChanged> event = CloudEvent.of(EventIds.next(), SOURCE, EventTypes.CHANGED,
                record.tenant, subjectId, record.recordedAt, changed);
        return OutboxEntity.of(changesTopic, event.partitionKey(), EventCodec.encode(event), now);
    }
}
