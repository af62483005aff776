package io.consentline.audit.rest;

import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.audit.domain.SubjectReport;
import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.ChainHash;

/**
 * The answer to an access request: every entry about the subject, with the personal data decrypted where it
 * still can be, and for each entry the proof that it is in the chain.
 *
 * @param checkpoint the tenant's latest signed checkpoint; null when there is none yet
 */
public record SubjectReportResponse(List<Item> entries, CheckpointResponse checkpoint) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SubjectReportResponse of(SubjectReport report) {
        return new SubjectReportResponse(report.entries().stream().map(SubjectReportResponse::item).toList(),
                report.latestCheckpoint() == null ? null : CheckpointResponse.of(report.latestCheckpoint()));
    }

    /**
     * One entry.
     *
     * @param data the event's data as received, personal fields included; null when erased or not personal
     * @param erased true when the subject's key was erased: the entry exists, its personal data is unreadable
     */
    public record Item(EntriesResponse.Entry entry, JsonNode data, boolean erased, Proof proof) {
    }

    /**
     * How to check the entry: {@code hash = SHA-256(prevHash || canonical)}, with {@code prevHash} the hash of
     * entry {@code seq - 1}, and the chain up to the checkpoint's head.
     *
     * @param canonical base64 of the canonical encoding of the stored row
     */
    public record Proof(String tenant, long seq, String prevHash, String hash, String canonical) {
    }

    private static Item item(SubjectReport.Item item) {
        AuditRecord r = item.entry().record();
        JsonNode data;
        try {
            data = item.dataJson() == null ? null : JSON.readTree(item.dataJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sealed data of " + r.eventId() + " is not JSON", e);
        }
        return new Item(EntriesResponse.Entry.of(item.entry()), data, item.erased(), new Proof(r.tenant(), r.seq(),
                ChainHash.hex(r.prevHash()), ChainHash.hex(r.hash()),
                Base64.getEncoder().encodeToString(r.canonical())));
    }
}
