package io.consentline.consent.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.consent.domain.bulk.NumberLines;
import io.consentline.consent.domain.phone.InvalidPhoneNumberException;
import io.consentline.consent.domain.phone.PhoneNumbers;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.consent.repository.SuppressionListStore;
import io.consentline.consent.repository.SuppressionListStore.ListInfo;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.logging.FailureText;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Imports do-not-call lists: streams the upload line by line (millions of rows, never all in memory),
 * normalises and hashes each number, and replaces the named list atomically. Blocking: runs on a worker.
 */
@ApplicationScoped
public class SuppressionService {

    private static final Logger LOG = Logger.getLogger(SuppressionService.class);
    private static final Pattern LIST_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    static final int REJECTED_LINES_SHOWN = 20;

    private final SuppressionListStore store;
    private final PolicyService policies;
    private final IdentifierHasher hasher;

    SuppressionService(SuppressionListStore store, PolicyService policies, IdentifierHasher hasher) {
        this.store = store;
        this.policies = policies;
        this.hasher = hasher;
    }

    /** What an import did. */
    public record ImportSummary(String name, List<String> purposes, long rows, long rejected,
            List<Long> rejectedLines, Instant importedAt, long durationMs) {
    }

    public ImportSummary replace(String tenant, String actor, String name, String purposesParam, String contentType,
            InputStream body) {
        requireName(name);
        TenantPolicy policy = policyOf(tenant);
        List<String> purposes = purposes(purposesParam, policy);
        Instant started = Instant.now();
        HashingLines lines = new HashingLines(tenant, policy.defaultRegion(), NumberLines.Format.ofContentType(contentType),
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8), 1 << 16));
        try {
            long rows = store.replace(tenant, name, purposes, actor, lines, started);
            long ms = Duration.between(started, Instant.now()).toMillis();
            LOG.infof("suppression list %s of tenant %s replaced: %d rows, %d rejected, %d ms", name, tenant, rows,
                    lines.rejected, ms);
            return new ImportSummary(name, purposes, rows, lines.rejected, lines.rejectedLines, started, ms);
        } catch (SQLException | IOException | UncheckedIOException e) {
            LOG.warnf("suppression list import failed (%s)", FailureText.of(e));
            throw ProblemException.unavailable("The list could not be imported; the previous list stays in force");
        }
    }

    public List<ListInfo> lists(String tenant) {
        try {
            return store.lists(tenant);
        } catch (SQLException e) {
            throw ProblemException.unavailable("Suppression lists are unavailable");
        }
    }

    public void delete(String tenant, String name) {
        requireName(name);
        try {
            if (!store.delete(tenant, name)) {
                throw new ProblemException(404, "unknown-list", "Unknown list", "The tenant has no list of this name",
                        "name");
            }
        } catch (SQLException e) {
            throw ProblemException.unavailable("Suppression lists are unavailable");
        }
    }

    private TenantPolicy policyOf(String tenant) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> policies.policyOf(tenant));
        } catch (Throwable e) {
            throw ProblemException.unavailable("The tenant's policy is unavailable");
        }
    }

    private static void requireName(String name) {
        if (name == null || !LIST_NAME.matcher(name).matches()) {
            throw ProblemException.invalidField("name", "a list name is 1-64 of a-z 0-9 _ - (e.g. national-dnc)");
        }
    }

    private static List<String> purposes(String param, TenantPolicy policy) {
        if (param == null || param.isBlank()) {
            return List.of();
        }
        List<String> purposes = new ArrayList<>();
        // -1 keeps empty elements: "," or "marketing," must not quietly mean "every purpose" or "marketing"
        for (String purpose : param.split(",", -1)) {
            String p = purpose.strip();
            if (p.isEmpty() || !policy.knowsPurpose(p)) {
                throw ProblemException.invalidField("purposes", "purposes must be the tenant's purposes, comma-separated");
            }
            purposes.add(p);
        }
        return purposes;
    }

    /** The upload's numbers as keyed hashes, skipping (and counting) lines without a usable number. */
    private final class HashingLines implements Iterator<byte[]> {

        private final String tenant;
        private final String region;
        private final NumberLines.Format format;
        private final BufferedReader reader;
        private long lineNumber;
        private long rejected;
        private final List<Long> rejectedLines = new ArrayList<>();
        private byte[] next;

        HashingLines(String tenant, String region, NumberLines.Format format, BufferedReader reader) {
            this.tenant = tenant;
            this.region = region;
            this.format = format;
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            while (next == null) {
                String line;
                try {
                    line = reader.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                if (line == null) {
                    return false;
                }
                lineNumber++;
                if (NumberLines.isSkippable(line, lineNumber, format)) {
                    continue;
                }
                try {
                    String e164 = PhoneNumbers.toE164ForLists(NumberLines.numberOf(line, format), region);
                    next = hasher.hashBytes(tenant, new Identifier(IdentifierType.PHONE, e164));
                } catch (NumberLines.InvalidLineException | InvalidPhoneNumberException e) {
                    rejected++;
                    if (rejectedLines.size() < REJECTED_LINES_SHOWN) {
                        rejectedLines.add(lineNumber);
                    }
                }
            }
            return true;
        }

        @Override
        public byte[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            byte[] hash = next;
            next = null;
            return hash;
        }
    }
}
