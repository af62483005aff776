package io.consentline.consent.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.consent.domain.CheckFacts;
import io.consentline.consent.domain.ConsentPolicy;
import io.consentline.consent.domain.Decision;
import io.consentline.consent.domain.Identifiers;
import io.consentline.consent.domain.Outcome;
import io.consentline.consent.domain.Reason;
import io.consentline.consent.domain.bulk.AnswerLines;
import io.consentline.consent.domain.bulk.NumberLines;
import io.consentline.consent.domain.phone.ValidNumber;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.consent.domain.window.CallingWindow;
import io.consentline.consent.repository.BulkStateReader;
import io.consentline.consent.signing.DecisionSigner;
import io.consentline.events.Channel;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.logging.FailureText;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Checks a streamed list of numbers for one purpose and channel, answering line by line as it goes: the list
 * is read and answered in batches (two queries per batch, consent state and suppression, sent at once), never
 * held in memory. Up to {@value #IN_FLIGHT} batches are in flight: the next lines are parsed and hashed while
 * earlier batches' queries run, and batches are answered in reading order. The stream ends with one signed
 * trailer (count, SHA-256 digest of every answer line, instant) instead of a signature per line. Blocking:
 * runs on a worker thread.
 */
@ApplicationScoped
public class BulkCheckService {

    private static final Logger LOG = Logger.getLogger(BulkCheckService.class);
    /** Numbers per pair of queries. */
    static final int BATCH = 2000;
    /** Batches whose queries may run at once (two pooled connections each) while the next one is read. */
    static final int IN_FLIGHT = 3;

    private final PolicyService policies;
    private final BulkStateReader reader;
    private final IdentifierHasher hasher;
    private final DecisionSigner signer;
    private final ObjectMapper json;

    BulkCheckService(PolicyService policies, BulkStateReader reader, IdentifierHasher hasher, DecisionSigner signer,
            ObjectMapper json) {
        this.policies = policies;
        this.reader = reader;
        this.hasher = hasher;
        this.signer = signer;
        this.json = json;
    }

    /** A validated bulk check, ready to stream. */
    public final class Run {

        private final String tenant;
        private final TenantPolicy policy;
        private final String purpose;
        private final Channel channel;
        private final Instant at;
        private final NumberLines.Format format;

        private Run(String tenant, TenantPolicy policy, String purpose, Channel channel, Instant at,
                NumberLines.Format format) {
            this.tenant = tenant;
            this.policy = policy;
            this.purpose = purpose;
            this.channel = channel;
            this.at = at;
            this.format = format;
        }

        public void stream(InputStream in, OutputStream out) throws IOException {
            BulkCheckService.this.stream(this, in, out);
        }
    }

    /** Validates the parameters (400 before anything streams); the query's identifier fields are ignored. */
    public Run prepare(String tenant, String purpose, Channel channel, Instant at, String contentType) {
        TenantPolicy policy;
        try {
            policy = VertxContextSupport.subscribeAndAwait(() -> policies.policyOf(tenant));
        } catch (Throwable e) {
            throw ProblemException.unavailable("Consent state is unavailable; no answer can be given");
        }
        if (!policy.knowsPurpose(purpose)) {
            throw ProblemException.invalidField("purpose", "purpose is not one of the tenant's purposes");
        }
        return new Run(tenant, policy, purpose, channel, at, NumberLines.Format.ofContentType(contentType));
    }

    /** The shape of one answer line, as {@link AnswerLines} writes it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Answer(long line, String phone, Outcome decision, List<Reason> reasons, Instant nextAllowedAt,
            List<String> suppressedBy, String error) {
    }

    /** The signed end of the stream. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Trailer(long count, long allowed, long denied, long errors, String digest, Instant at,
            String signature, String error) {
    }

    /** A line read: its number (valid, hashed) or why it has none. */
    private record Entry(long line, ValidNumber phone, String hash, byte[] hashBytes, String error) {
    }

    /** A batch whose state is being read while the next lines are parsed. */
    private record Pending(List<Entry> entries, CompletableFuture<BulkStateReader.Batch> state) {
    }

    private void stream(Run run, InputStream in, OutputStream out) throws IOException {
        MessageDigest digest = sha256();
        long[] counts = new long[4]; // lines, allowed, denied, errors
        BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        // answered strictly in reading order: the oldest batch is answered first, whatever finished first
        Deque<Pending> inFlight = new ArrayDeque<>(IN_FLIGHT);
        List<Entry> batch = new ArrayList<>(BATCH);
        long lineNumber = 0;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNumber++;
                if (NumberLines.isSkippable(line, lineNumber, run.format)) {
                    continue;
                }
                batch.add(entry(run, line, lineNumber));
                if (batch.size() == BATCH) {
                    inFlight.add(send(run, batch));
                    batch = new ArrayList<>(BATCH);
                    if (inFlight.size() == IN_FLIGHT) {
                        answer(run, inFlight.poll(), out, digest, counts);
                    }
                }
            }
            if (!batch.isEmpty()) {
                inFlight.add(send(run, batch));
            }
            while (!inFlight.isEmpty()) {
                answer(run, inFlight.poll(), out, digest, counts);
            }
            writeTrailer(run, out, digest, counts, null);
        } catch (StateUnavailable e) {
            LOG.warnf("bulk check stopped after %d answers: consent state unavailable (%s)", counts[0],
                    FailureText.of(e.getCause()));
            writeTrailer(run, out, digest, counts, "Consent state became unavailable: no answers after line "
                    + counts[0] + "; treat every unanswered number as DENY");
        }
    }

    private Entry entry(Run run, String line, long lineNumber) {
        try {
            String raw = NumberLines.numberOf(line, run.format);
            ValidNumber phone = Identifiers.normalizePhone(raw, run.policy.defaultRegion());
            byte[] hash = hasher.hashBytes(run.tenant, new Identifier(IdentifierType.PHONE, phone.e164()));
            return new Entry(lineNumber, phone, HexFormat.of().formatHex(hash), hash, null);
        } catch (NumberLines.InvalidLineException e) {
            return new Entry(lineNumber, null, null, null, e.getMessage());
        } catch (Identifiers.InvalidIdentifierException e) {
            return new Entry(lineNumber, null, null, null, "phone " + e.getMessage());
        }
    }

    /** Sends the batch's two queries; they run while the next batch is read. */
    private Pending send(Run run, List<Entry> batch) {
        List<String> hashes = new ArrayList<>(batch.size());
        List<byte[]> hashBytes = new ArrayList<>(batch.size());
        for (Entry e : batch) {
            if (e.error() == null) {
                hashes.add(e.hash());
                hashBytes.add(e.hashBytes());
            }
        }
        CompletableFuture<BulkStateReader.Batch> state;
        try {
            state = reader.read(run.tenant, hashes, hashBytes, run.purpose, run.channel).subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            state = CompletableFuture.failedFuture(e);
        }
        return new Pending(batch, state);
    }

    private void answer(Run run, Pending pending, OutputStream out, MessageDigest digest, long[] counts)
            throws IOException {
        BulkStateReader.Batch state;
        try {
            state = pending.state().join();
        } catch (RuntimeException e) {
            LOG.debug("bulk state read failed", e);
            throw new StateUnavailable(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        }
        CallingWindow window = run.policy.windowFor(run.channel);
        boolean optInRequired = run.policy.requiresOptIn(run.purpose, run.channel);
        StringBuilder chunk = new StringBuilder(pending.entries().size() * 96);
        for (Entry e : pending.entries()) {
            if (e.error() != null) {
                AnswerLines.appendError(chunk, e.line(), e.error());
                counts[3]++;
            } else {
                Decision decision = ConsentPolicy.decide(new CheckFacts(
                        Optional.ofNullable(state.states().specific().get(e.hash())),
                        Optional.ofNullable(state.states().channelWide().get(e.hash())), optInRequired,
                        state.suppressed().getOrDefault(e.hash(), List.of()), run.channel, window,
                        window == null ? List.of() : e.phone().timeZones(), run.at));
                AnswerLines.appendDecision(chunk, e.line(), e.phone().e164(), decision);
                counts[decision.allows() ? 1 : 2]++;
            }
            counts[0]++;
        }
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        digest.update(bytes);
        out.write(bytes);
        out.flush();
    }

    private void writeTrailer(Run run, OutputStream out, MessageDigest digest, long[] counts, String error)
            throws IOException {
        String digestHex = "sha256:" + HexFormat.of().formatHex(digest.digest());
        Instant now = Instant.now();
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(DecisionSigner.ISSUER);
        claims.setIssuedAt(NumericDate.fromMilliseconds(now.toEpochMilli()));
        claims.setStringClaim("tenant", run.tenant);
        claims.setStringClaim("purpose", run.purpose);
        claims.setStringClaim("channel", run.channel.wireName());
        claims.setStringClaim("at", run.at.toString());
        claims.setClaim("count", counts[0]);
        claims.setStringClaim("digest", digestHex);
        if (error != null) {
            claims.setStringClaim("error", error);
        }
        Trailer trailer = new Trailer(counts[0], counts[1], counts[2], counts[3], digestHex, now, signer.sign(claims),
                error);
        out.write((json.writeValueAsString(Map.of("trailer", trailer)) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The database failed mid-stream. */
    private static final class StateUnavailable extends RuntimeException {

        StateUnavailable(Throwable cause) {
            super(cause);
        }
    }
}
