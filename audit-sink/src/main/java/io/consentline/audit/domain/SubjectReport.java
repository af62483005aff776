package io.consentline.audit.domain;

import java.util.List;

import io.consentline.audit.domain.checkpoint.Checkpoint;

/**
 * Everything the log holds about one subject (GDPR Art. 15), decrypted where the subject's key still exists,
 * with what is needed to check each entry against the chain.
 *
 * @param latestCheckpoint the tenant's latest checkpoint; null when there is none yet
 */
public record SubjectReport(List<Item> entries, Checkpoint latestCheckpoint) {

    public SubjectReport {
        entries = List.copyOf(entries);
    }

    /**
     * One entry.
     *
     * @param dataJson the event's data as received: the facts with the decrypted personal fields put back; null when
     *        it held nothing personal or was erased
     * @param erased true when its personal data can no longer be read (the subject's key was erased)
     */
    public record Item(AuditEntry entry, String dataJson, boolean erased) {
    }
}
