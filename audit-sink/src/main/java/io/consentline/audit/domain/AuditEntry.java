package io.consentline.audit.domain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.StoredEntry;

/**
 * One entry of the log as a compliance officer reads it: what happened, when, through which source, and the
 * event's facts (its data without personal fields), with its place in the chain.
 *
 * @param position the entry's position in its tenant's log (its chain seq); pages are cut in this order
 * @param facts the event's data without personal fields (policy version, evidence, choices, ...)
 */
public record AuditEntry(long position, AuditRecord record, Map<String, Object> facts) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    public AuditEntry {
        facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static AuditEntry of(StoredEntry stored) {
        try {
            return new AuditEntry(stored.record().seq(), stored.record(), JSON.readValue(stored.record().facts(), MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("facts of entry " + stored.record().seq() + " are not JSON", e);
        }
    }

    public long id() {
        return position;
    }

    /** A field of the facts as text; null when absent. */
    public String fact(String field) {
        Object value = facts.get(field);
        return value == null ? null : value.toString();
    }
}
