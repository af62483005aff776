package io.consentline.audit.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.NewAuditEntry;
import io.consentline.audit.repository.AuditEntryRepository;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.EventCodec;
import io.consentline.events.MalformedEventException;
import io.consentline.kit.identity.IdentifierHasher;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Records one consent change in the audit log, once per event id. The identifier is kept only as its keyed
 * hash; the event's data is kept as received, so the proof is what the producer said, not our reading of it.
 */
@ApplicationScoped
public class RecordingService {

    private final AuditEntryRepository entries;
    private final IdentifierHasher hasher;

    RecordingService(AuditEntryRepository entries, IdentifierHasher hasher) {
        this.entries = entries;
        this.hasher = hasher;
    }

    /**
     * Records the change carried by a raw {@code consent.changes.v1} record value. Completes once the entry is
     * durable: true when appended, false when the event id was recorded before. Fails with
     * {@link MalformedEventException} or {@code InvalidChangeException} for records that can never be recorded.
     */
    public Uni<Boolean> record(String value, LogPosition position) {
        return Uni.createFrom().item(() -> entryOf(value, position)).chain(entries::append);
    }

    private NewAuditEntry entryOf(String value, LogPosition position) {
        CloudEvent<ConsentChanged> event = EventCodec.decodeChange(value);
        String hash = hasher.hash(event.tenant(), event.data().identifier());
        return NewAuditEntry.of(event, hash, dataAsReceived(value), position);
    }

    private static String dataAsReceived(String value) {
        try {
            return new JsonObject(value).getJsonObject("data").encode();
        } catch (DecodeException | ClassCastException e) {
            // EventCodec accepted it, so this cannot happen short of a parser disagreement
            throw new MalformedEventException("event data is not a JSON object", e);
        }
    }
}
