package io.consentline.consent.service;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.consent.domain.bulk.StrictLines;
import io.consentline.consent.service.RecordingService.RawIdentifier;
import io.consentline.consent.service.RecordingService.RecordCommand;
import io.consentline.consent.service.RecordingService.Recorded;
import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.Evidence;
import io.consentline.events.IdentifierType;
import io.consentline.kit.problem.ProblemException;
import io.consentline.kit.problem.ProblemMappers;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Imports consent kept elsewhere (a legacy system, a CRM export): NDJSON, one consent decision per line, each
 * recorded like an API call with source {@code import} and its historical instant, each in its own transaction
 * with its change events. Answers line by line; a bad line is an error line, not a failed import. A line's
 * {@code idempotencyKey} makes re-running an interrupted import safe. Blocking: runs on a worker.
 */
@ApplicationScoped
public class ConsentImportService {

    private static final Logger LOG = Logger.getLogger(ConsentImportService.class);

    private final RecordingService recording;
    private final Validator validator;
    /** A consent line is small; a longer one is refused, never buffered whole. */
    static final int MAX_LINE_BYTES = 64 * 1024;

    private final ObjectMapper json;

    ConsentImportService(RecordingService recording, Validator validator, ObjectMapper json) {
        this.recording = recording;
        this.validator = validator;
        this.json = json;
    }

    /** One line of an import. */
    public record ImportLine(
            @NotNull @Size(min = 1, max = 5) List<@NotNull @Valid Identifier> identifiers,
            @NotNull @Size(min = 1, max = 20) List<@NotNull @Size(min = 1, max = 64) String> purposes,
            @NotNull @Size(min = 1, max = 4) List<@NotNull Channel> channels,
            @NotNull ConsentStatus status,
            @NotNull Instant recordedAt,
            @Size(max = 64) String policyVersion,
            @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9]+:[A-Za-z0-9+/=_-]+",
                    message = "must look like sha256:<digest>") String policyTextHash,
            @Valid EvidenceLine evidence,
            Instant expiresAt,
            @Size(max = 255) String idempotencyKey) {

        /** The evidence of a consent given elsewhere, within the same limits as the API's. */
        public record EvidenceLine(@Size(max = 64) String ipAddress, @Size(max = 512) String userAgent,
                @Size(max = 128) String siteId, @Size(max = 128) String otpChallengeId, @Size(max = 128) String agentId,
                @Size(max = 256) String recordingReference, @Size(max = 128) String messageId) {

            Evidence toEvidence() {
                return new Evidence(ipAddress, userAgent, siteId, otpChallengeId, agentId, recordingReference, messageId,
                        null, null);
            }
        }

        /** An identifier as written in the source system. */
        public record Identifier(@NotNull IdentifierType type, @NotNull @Size(min = 1, max = 256) String value) {
        }
    }

    /** The answer for one line. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LineResult(long line, UUID subjectId, Integer records, Boolean replayed, String field, String error) {
    }

    /** The end of the answer. */
    public record Summary(long lines, long imported, long failed, String error) {
    }

    public void importLines(String tenant, String actor, InputStream in, OutputStream out) throws IOException {
        StrictLines lines = new StrictLines(new BufferedInputStream(in, 1 << 16), MAX_LINE_BYTES);
        long lineNumber = 0;
        long imported = 0;
        long failed = 0;
        StrictLines.Line line;
        try {
            while ((line = lines.next()) != null) {
                lineNumber++;
                if (line.text() != null && line.text().isBlank()) {
                    continue;
                }
                LineResult result = line.text() == null
                        ? new LineResult(lineNumber, null, null, null, "line", "line " + line.problem())
                        : importLine(tenant, actor, line.text(), lineNumber);
                if (result.error() == null) {
                    imported++;
                } else {
                    failed++;
                }
                write(out, result);
            }
            write(out, Map.of("summary", new Summary(lineNumber, imported, failed, null)));
        } catch (StoreUnavailable e) {
            LOG.warnf("consent import stopped at line %d: the store is unavailable", lineNumber);
            write(out, Map.of("summary", new Summary(lineNumber, imported, failed,
                    "The store became unavailable at line " + lineNumber + "; lines from there on were not imported")));
        }
    }

    private LineResult importLine(String tenant, String actor, String text, long lineNumber) {
        ImportLine line;
        try {
            line = json.readValue(text, ImportLine.class);
        } catch (JsonMappingException e) {
            for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
                if (cause instanceof JsonParseException) {
                    return new LineResult(lineNumber, null, null, null, "line", "not a JSON consent line");
                }
            }
            // well-formed JSON with a member of the wrong type or value: name the member
            String field = ProblemMappers.jsonPath(e);
            return new LineResult(lineNumber, null, null, null, field.equals("body") ? "line" : field,
                    field.equals("body") ? "not a JSON consent line" : field + " has the wrong type or an unknown value");
        } catch (JsonProcessingException e) {
            return new LineResult(lineNumber, null, null, null, "line", "not a JSON consent line");
        }
        if (line == null) {
            return new LineResult(lineNumber, null, null, null, "line", "not a JSON consent line");
        }
        for (ConstraintViolation<ImportLine> v : validator.validate(line)) {
            String field = v.getPropertyPath().toString();
            return new LineResult(lineNumber, null, null, null, field, field + " " + v.getMessage());
        }
        RecordCommand command = new RecordCommand(tenant, actor, ConsentSource.IMPORT,
                line.identifiers().stream().map(i -> new RawIdentifier(i.type(), i.value())).toList(),
                line.purposes(), line.channels(), line.status(), line.policyVersion(), line.policyTextHash(),
                line.evidence() == null ? null : line.evidence().toEvidence(), line.expiresAt(), Optional.ofNullable(line.idempotencyKey()), line.recordedAt());
        try {
            Recorded recorded = VertxContextSupport.subscribeAndAwait(() -> recording.record(command));
            return new LineResult(lineNumber, recorded.subjectId(), recorded.records().size(),
                    recorded.replayed() ? Boolean.TRUE : null, null, null);
        } catch (ProblemException e) {
            if (e.status() >= 500) {
                throw new StoreUnavailable();
            }
            return new LineResult(lineNumber, null, null, null, e.toProblem().field(), e.getMessage());
        } catch (Throwable e) {
            throw new StoreUnavailable();
        }
    }

    private void write(OutputStream out, Object value) throws IOException {
        out.write((json.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The database failed: stop rather than answer lines that were not imported. */
    private static final class StoreUnavailable extends RuntimeException {
    }
}
