package io.consentline.consent.domain;

import java.time.Instant;

import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;

/**
 * The current consent for one subject, purpose and channel, and the record that set it.
 *
 * @param expiresAt when a grant lapses; null for no expiry
 */
public record CurrentConsent(long recordId, ConsentStatus status, Instant since, Instant expiresAt,
        ConsentSource source, String policyVersion) {

    public boolean isExpiredAt(Instant at) {
        return expiresAt != null && !at.isBefore(expiresAt);
    }
}
