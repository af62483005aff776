package io.consentline.consent.service;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.repository.ConsentRecordEntity;
import io.consentline.consent.repository.ConsentStateRepository;
import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.smallrye.mutiny.Uni;

/**
 * Writes one consent decision inside the caller's transaction: the history row, the current state, and the
 * change event in the outbox. Every path that changes consent (Kafka submissions, the API, imports) goes
 * through here, so none of them can forget the event.
 */
@ApplicationScoped
public class ConsentWriter {

    private final ConsentStateRepository states;
    private final ChangeEvents changeEvents;

    ConsentWriter(ConsentStateRepository states, ChangeEvents changeEvents) {
        this.states = states;
        this.changeEvents = changeEvents;
    }

    /** One decision to record. */
    public record Decided(String tenant, UUID subjectId, Identifier identifier, String purpose, Channel channel,
            ConsentStatus before, ConsentStatus after, ConsentSource source, String policyVersion,
            String policyTextHash, Evidence evidence, Instant recordedAt, Instant expiresAt, String causationId) {
    }

    /**
     * After a transaction's writes: the subject's whole current state to the outbox, for the compacted state
     * topic. Once per transaction, not per record, so a banner with four categories is one snapshot.
     */
    public Uni<Void> publishState(String tenant, UUID subjectId, Identifier identifier, Instant now) {
        return states.currentOf(tenant, subjectId)
                .chain(current -> changeEvents.stateRow(tenant, subjectId, identifier, current, now).persistAndFlush())
                .replaceWithVoid();
    }

    public Uni<ConsentRecordEntity> write(Decided d, Instant now) {
        ConsentRecordEntity record = new ConsentRecordEntity();
        record.tenant = d.tenant();
        record.subjectId = d.subjectId();
        record.purpose = d.purpose();
        record.channel = d.channel().wireName();
        record.status = d.after();
        record.source = ConsentRecordEntity.sourceName(d.source());
        record.policyVersion = d.policyVersion();
        record.policyTextHash = d.policyTextHash();
        record.evidence = d.evidence();
        record.recordedAt = d.recordedAt();
        record.expiresAt = d.after() == ConsentStatus.GRANTED ? d.expiresAt() : null;
        record.causationId = d.causationId();
        return record.<ConsentRecordEntity>persistAndFlush()
                .chain(() -> states.upsert(record))
                .chain(() -> changeEvents.outboxRow(record, d.identifier(), d.before(), d.source(), now)
                        .persistAndFlush())
                .replaceWith(record);
    }
}
