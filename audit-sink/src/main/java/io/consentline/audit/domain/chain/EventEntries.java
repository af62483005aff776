package io.consentline.audit.domain.chain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.consentline.audit.domain.InvalidChangeException;
import io.consentline.audit.domain.LogPosition;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.PurposeChoice;
import io.consentline.kit.security.TenantIds;

/**
 * Turns events into entries of the log, in wire names, with the identifier only as its keyed hash. A
 * submission and the changes it caused are linked by the changes' {@code causationId} (the submission's event
 * id).
 */
public final class EventEntries {

    public static final String ERASURE = "audit.erasure.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EventEntries() {
    }

    /**
     * The entry for a {@code consent.changed.v1} event; {@code data} is its data as received (the {@code data}
     * member of the record's JSON): its personal fields are sealed, the rest is kept as the entry's facts. The tree
     * is the caller's parse of the record, used up here: the personal fields are moved out of it (no copy of it is
     * made).
     */
    public static PendingEntry change(CloudEvent<ConsentChanged> event, ObjectNode data, String identifierHash,
            LogPosition position) {
        requireTenant(event.tenant());
        ConsentChanged change = event.data();
        PersonalFields.Split split = PersonalFields.split(data);
        return new PendingEntry(event.tenant(), event.id(), event.type(), change.subjectId(), identifierHash,
                change.identifier().type().wireName(), List.of(change.purpose()), change.channel().wireName(),
                sourceName(change.source()), statusName(change.before()), statusName(change.after()),
                change.changedAt(), change.causationId(), position, split.facts(), split.personal());
    }

    /**
     * The entry for a {@code consent.submission.v1} event, rejected or superseded ones included; {@code data} is used
     * up as in {@link #change}.
     */
    public static PendingEntry submission(CloudEvent<ConsentSubmission> event, ObjectNode data,
            String identifierHash, LogPosition position) {
        requireTenant(event.tenant());
        ConsentSubmission submission = event.data();
        PersonalFields.Split split = PersonalFields.split(data);
        List<String> purposes = submission.choices().stream().map(PurposeChoice::purpose).distinct().toList();
        return new PendingEntry(event.tenant(), event.id(), event.type(), null, identifierHash,
                submission.identifier().type().wireName(), purposes, submission.channel().wireName(),
                sourceName(submission.source()), null, null, submission.submittedAt(), null, position,
                split.facts(), split.personal());
    }

    /**
     * The entry that records an erasure: which identifier's key was shredded, when and by whom. It holds nothing
     * personal itself.
     */
    public static PendingEntry erasure(String tenant, String eventId, String identifierHash, String identifierType,
            String subjectId, int keysErased, String actor, Instant at) {
        ObjectNode facts = JSON.createObjectNode().put("keysErased", keysErased).put("requestedBy", actor)
                .put("erasedAt", Canonical.format(at));
        return new PendingEntry(tenant, eventId, ERASURE, subjectId, identifierHash, identifierType, List.of(), null,
                null, null, null, at, null, null, facts.toString(), null);
    }

    /** The source's wire name ({@code sms-keyword}, {@code banner}, ...), as producers write it. */
    static String sourceName(ConsentSource source) {
        return source.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String statusName(ConsentStatus status) {
        return status == null ? null : status.name();
    }

    /** No caller could ever query an invalid tenant: recording it would only hide the producer's bug. */
    private static void requireTenant(String tenant) {
        if (!TenantIds.isValid(tenant)) {
            throw new InvalidChangeException("invalid tenant id");
        }
    }
}
