package io.consentline.audit.domain.chain;

/** A row of the log with its storage position ({@code id}, the order pages and exports follow). */
public record StoredEntry(long id, AuditRecord record) {
}
