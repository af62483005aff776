package io.consentline.audit.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.kit.security.TenantIds;

/**
 * An audit entry about to be appended: the facts of one {@code consent.changed.v1} event, in the form they are
 * recorded (wire names, the identifier only as its keyed hash), plus the event's data as received.
 *
 * @param eventId the CloudEvent id: an entry is appended at most once per id
 * @param identifierHash keyed hash of tenant + identifier; the readable identifier is not a column
 * @param before the status before the change, null when there was no record
 * @param occurredAt when the change happened (the event's {@code changedAt})
 * @param position where the event was read; null when it did not come through Kafka
 * @param payloadJson the event's {@code data} as received, as JSON
 */
public record NewAuditEntry(String eventId, String tenant, String subjectId, String identifierHash,
        String identifierType, String eventType, String purpose, String channel, String before, String after,
        String source, Instant occurredAt, LogPosition position, String payloadJson) {

    public NewAuditEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(identifierHash, "identifierHash");
        Objects.requireNonNull(payloadJson, "payloadJson");
    }

    /**
     * The entry for a decoded change event. Refuses tenants that are not valid tenant ids: no caller could ever
     * query them, so recording them would only hide the producer's bug.
     */
    public static NewAuditEntry of(CloudEvent<ConsentChanged> event, String identifierHash, String payloadJson,
            LogPosition position) {
        if (!TenantIds.isValid(event.tenant())) {
            throw new InvalidChangeException("invalid tenant id");
        }
        ConsentChanged change = event.data();
        return new NewAuditEntry(event.id(), event.tenant(), change.subjectId(), identifierHash,
                change.identifier().type().wireName(), event.type(), change.purpose(), change.channel().wireName(),
                statusName(change.before()), statusName(change.after()), sourceName(change.source()),
                change.changedAt(), position, payloadJson);
    }

    /** The source's wire name ({@code sms-keyword}, {@code banner}, ...), as producers write it. */
    static String sourceName(ConsentSource source) {
        return source.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String statusName(ConsentStatus status) {
        return status == null ? null : status.name();
    }
}
