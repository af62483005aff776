package io.consentline.audit.domain;

import java.util.List;

/**
 * One page of entries in id order, and where the next page starts.
 *
 * @param nextAfter the cursor for the next page (the last entry's id); null when this is the last page
 */
public record AuditPage(List<AuditEntry> entries, Long nextAfter) {

    public AuditPage {
        entries = List.copyOf(entries);
    }

    /**
     * Cuts a page from entries fetched in id order with one more than the limit: that extra entry only tells
     * that there is a next page, so the last page never ends with a cursor that leads to an empty page.
     */
    public static AuditPage of(List<AuditEntry> fetched, int limit) {
        if (fetched.size() <= limit) {
            return new AuditPage(fetched, null);
        }
        List<AuditEntry> page = fetched.subList(0, limit);
        return new AuditPage(page, page.get(limit - 1).position());
    }
}
