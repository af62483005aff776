package io.consentline.audit.domain.chain;

/** A row of the log as read back; its place is its tenant and seq (the order pages and exports follow). */
public record StoredEntry(AuditRecord record) {
}
