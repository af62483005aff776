package io.consentline.audit.rest;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.consentline.kit.problem.ProblemException;

/** How an export is written: NDJSON (one entry per line, as in the list) or CSV (one row per entry). */
enum ExportFormat {
    NDJSON("application/x-ndjson"),
    CSV("text/csv");

    static final List<String> CSV_COLUMNS = List.of("seq", "eventId", "type", "occurredAt", "recordedAt",
            "subjectId", "identifierType", "purposes", "channel", "source", "before", "after", "policyVersion",
            "causationId", "hash");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    final String mediaType;

    ExportFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    static ExportFormat parse(String format) {
        if (format == null || format.isBlank() || format.trim().equals("ndjson")) {
            return NDJSON;
        }
        if (format.trim().equals("csv")) {
            return CSV;
        }
        throw ProblemException.invalidField("format", "format must be ndjson or csv");
    }

    /** The first line, if the format has one. */
    String header() {
        return this == CSV ? String.join(",", CSV_COLUMNS) + "\r\n" : "";
    }

    String line(EntriesResponse.Entry e) {
        if (this == NDJSON) {
            try {
                return JSON.writeValueAsString(e) + "\n";
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }
        return Stream.of(Long.toString(e.seq()), e.eventId(), e.type(), text(e.occurredAt()), text(e.recordedAt()),
                e.subjectId(), e.identifierType(), String.join(" ", e.purposes()), e.channel(), e.source(), e.before(),
                e.after(), e.policyVersion(), e.causationId(), e.hash())
                .map(ExportFormat::csvField).collect(Collectors.joining(",", "", "\r\n"));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** RFC 4180 quoting; a leading formula character is prefixed so spreadsheets do not run it. */
    static String csvField(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }
}
