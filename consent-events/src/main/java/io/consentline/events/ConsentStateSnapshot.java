package io.consentline.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The whole current consent of one subject ({@value EventTypes#STATE}), published to the compacted topic
 * {@link Topics#STATE} after every change, so downstream systems (CRMs, dialer queues) can keep their own copy
 * without polling: the latest record per key is the current state.
 *
 * @param identifier the identifier the latest change was made through (consent-service keeps only keyed hashes)
 * @param consents every purpose and channel with a record; purpose {@code *} is a blanket record for a channel
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentStateSnapshot(String subjectId, Identifier identifier, List<Consent> consents, Instant asOf)
        implements ConsentEvent {

    /** The current consent for one purpose on one channel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Consent(String purpose, Channel channel, ConsentStatus status, Instant since, Instant expiresAt,
            long recordId) {
    }
}
