package io.consentline.consent.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.consent.domain.ConsentKey;
import io.consentline.consent.domain.CurrentConsent;
import io.consentline.consent.domain.Identifiers;
import io.consentline.consent.domain.Purposes;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.consent.messaging.OutboxRelay;
import io.consentline.consent.repository.ConsentStateRepository;
import io.consentline.consent.repository.IdempotencyRepository;
import io.consentline.consent.repository.SubjectRepository;
import io.consentline.consent.repository.TenantPolicyRepository;
import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.logging.FailureText;
import io.consentline.kit.problem.ProblemException;
import io.consentline.kit.time.Instants;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records consent given or withdrawn through the API (an agent on a call, a CRM): for one subject, several
 * purposes and channels at once, in one transaction with the change events. Withdrawal is one call, like
 * giving (GDPR Art. 7(3)). With an {@code Idempotency-Key}, the same key twice records once.
 */
@ApplicationScoped
public class RecordingService {

    private static final Logger LOG = Logger.getLogger(RecordingService.class);

    private final SubjectRepository subjects;
    private final ConsentStateRepository states;
    private final TenantPolicyRepository policies;
    private final IdempotencyRepository idempotency;
    private final IdentifierHasher hasher;
    private final ConsentWriter writer;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock = Clock.systemUTC();

    RecordingService(SubjectRepository subjects, ConsentStateRepository states, TenantPolicyRepository policies,
            IdempotencyRepository idempotency, IdentifierHasher hasher, ConsentWriter writer, OutboxRelay relay,
            ObjectMapper json) {
        this.subjects = subjects;
        this.states = states;
        this.policies = policies;
        this.idempotency = idempotency;
        this.hasher = hasher;
        this.writer = writer;
        this.relay = relay;
        this.json = json;
    }

    /**
     * What to record. Identifier values are raw here; they are normalised under the tenant's policy.
     *
     * @param recordedAt when the consent was given; null for now (imports carry the historical instant)
     */
    public record RecordCommand(String tenant, String actor, ConsentSource source, List<RawIdentifier> identifiers,
            List<String> purposes, List<Channel> channels, ConsentStatus status, String policyVersion,
            String policyTextHash, Evidence evidence, Instant expiresAt, Optional<String> idempotencyKey,
            Instant recordedAt) {
    }

    /** An identifier as the caller wrote it. */
    public record RawIdentifier(IdentifierType type, String value) {
    }

    /** What was recorded. */
    public record Recorded(UUID subjectId, Instant recordedAt, List<RecordedConsent> records, boolean replayed) {

        Recorded asReplay() {
            return new Recorded(subjectId, recordedAt, records, true);
        }
    }

    /** One recorded consent and the status it replaced. */
    public record RecordedConsent(long recordId, String purpose, Channel channel, ConsentStatus status,
            ConsentStatus before, Instant expiresAt) {
    }

    public Uni<Recorded> record(RecordCommand command) {
        Instant now = clock.instant();
        Instants.inRange("recordedAt", command.recordedAt());
        Instants.inRange("expiresAt", command.expiresAt());
        if (command.recordedAt() != null && command.recordedAt().isAfter(now)) {
            throw ProblemException.invalidField("recordedAt", "recordedAt cannot be in the future");
        }
        if (command.expiresAt() != null && !command.expiresAt().isAfter(now)) {
            throw ProblemException.invalidField("expiresAt", "expiresAt must be in the future");
        }
        String requestHash = requestHash(command);
        return Panache.withTransaction(() -> policies.find(command.tenant()).chain(policy -> {
            List<Identifier> identifiers = normalize(command, policy);
            requireKnownPurposes(command, policy);
            if (command.idempotencyKey().isEmpty()) {
                return write(command, policy, identifiers, now);
            }
            String key = command.idempotencyKey().get();
            return idempotency.claim(command.tenant(), key, requestHash, now).chain(claimed -> claimed
                    ? write(command, policy, identifiers, now)
                            .call(recorded -> idempotency.storeResponse(command.tenant(), key, toJson(recorded)))
                    : replay(command.tenant(), key, requestHash));
        })).onFailure(e -> !(e instanceof ProblemException)).transform(RecordingService::unavailable)
                .invoke(recorded -> {
                    if (!recorded.replayed()) {
                        relay.nudge();
                    }
                });
    }

    /**
     * The store failed (database down, session cut): 503, so the client retries with the same Idempotency-Key,
     * which records once whether or not the failed attempt committed. Never a 500 for a dependency's outage.
     */
    private static ProblemException unavailable(Throwable e) {
        LOG.warnf("consent store unavailable for a recording (%s): answering 503", FailureText.of(e));
        return ProblemException.unavailable(
                "The consent could not be recorded now; retry with the same Idempotency-Key");
    }

    private Uni<Recorded> replay(String tenant, String key, String requestHash) {
        return idempotency.find(tenant, key).map(stored -> {
            if (stored == null || stored.response() == null) {
                throw new ProblemException(409, "idempotency-in-progress", "Request in progress",
                        "A request with this Idempotency-Key is still being processed", "Idempotency-Key");
            }
            if (!stored.requestHash().equals(requestHash)) {
                throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key reused",
                        "This Idempotency-Key was used for a different request", "Idempotency-Key");
            }
            return fromJson(stored.response()).asReplay();
        });
    }

    private Uni<Recorded> write(RecordCommand command, TenantPolicy policy, List<Identifier> identifiers, Instant now) {
        String tenant = command.tenant();
        List<String> hashes = identifiers.stream().map(id -> hasher.hash(tenant, id)).toList();
        return subjectOf(tenant, hashes, now).chain(subjectId -> linkAll(tenant, identifiers, hashes, subjectId)
                .chain(() -> states.currentOf(tenant, subjectId))
                .chain(current -> writeRecords(command, policy, identifiers.get(0), subjectId, current, now)));
    }

    /** The one subject the identifiers point at; a new one if none does; 409 if they point at several. */
    private Uni<UUID> subjectOf(String tenant, List<String> hashes, Instant now) {
        Uni<Set<UUID>> found = Uni.createFrom().item(new LinkedHashSet<>());
        for (String hash : hashes) {
            found = found.chain(set -> subjects.findByIdentifier(tenant, hash).map(id -> {
                if (id != null) {
                    set.add(id);
                }
                return set;
            }));
        }
        return found.chain(ids -> {
            if (ids.size() > 1) {
                throw new ProblemException(409, "identifiers-conflict", "Identifiers belong to different subjects",
                        "The identifiers are already linked to different subjects; record them separately",
                        "identifiers");
            }
            return ids.isEmpty() ? subjects.create(tenant, now) : Uni.createFrom().item(ids.iterator().next());
        });
    }

    private Uni<Void> linkAll(String tenant, List<Identifier> identifiers, List<String> hashes, UUID subjectId) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < identifiers.size(); i++) {
            IdentifierType type = identifiers.get(i).type();
            String hash = hashes.get(i);
            chain = chain.chain(() -> subjects.link(tenant, hash, type, subjectId)).replaceWithVoid();
        }
        return chain;
    }

    private Uni<Recorded> writeRecords(RecordCommand command, TenantPolicy policy, Identifier identifier,
            UUID subjectId, Map<ConsentKey, CurrentConsent> current, Instant now) {
        Instant recordedAt = command.recordedAt() != null ? command.recordedAt() : now;
        Instant expiresAt = command.status() == ConsentStatus.GRANTED
                ? (command.expiresAt() != null ? command.expiresAt() : policy.expiryOf(recordedAt))
                : null;
        String causationId = "api:" + command.idempotencyKey().orElse(UUID.randomUUID().toString());
        Evidence evidence = withAgent(command);
        List<RecordedConsent> recorded = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (String purpose : new LinkedHashSet<>(command.purposes())) {
            for (Channel channel : new LinkedHashSet<>(command.channels())) {
                CurrentConsent was = current.get(new ConsentKey(purpose, channel));
                ConsentStatus before = was == null ? null : was.status();
                ConsentWriter.Decided decided = new ConsentWriter.Decided(command.tenant(), subjectId, identifier,
                        purpose, channel, before, command.status(), command.source(), command.policyVersion(),
                        command.policyTextHash(), evidence, recordedAt, expiresAt, causationId);
                chain = chain.chain(() -> writer.write(decided, now)).invoke(record -> recorded.add(
                        new RecordedConsent(record.id, purpose, channel, record.status, before, record.expiresAt)))
                        .replaceWithVoid();
            }
        }
        return chain.chain(() -> writer.publishState(command.tenant(), subjectId, identifier, now))
                .map(done -> new Recorded(subjectId, recordedAt, recorded, false));
    }

    private static Evidence withAgent(RecordCommand command) {
        Evidence e = command.evidence() != null ? command.evidence() : Evidence.ofAgent(null, null);
        return command.source() == ConsentSource.AGENT ? e.withAgent(command.actor()) : e;
    }

    private static List<Identifier> normalize(RecordCommand command, TenantPolicy policy) {
        List<Identifier> identifiers = new ArrayList<>();
        for (int i = 0; i < command.identifiers().size(); i++) {
            RawIdentifier raw = command.identifiers().get(i);
            try {
                identifiers.add(Identifiers.normalize(raw.type(), raw.value(), policy.defaultRegion()));
            } catch (Identifiers.InvalidIdentifierException e) {
                String field = "identifiers[" + i + "].value";
                throw ProblemException.invalidField(field, field + " " + e.getMessage());
            }
        }
        return identifiers;
    }

    private static void requireKnownPurposes(RecordCommand command, TenantPolicy policy) {
        for (int i = 0; i < command.purposes().size(); i++) {
            String purpose = command.purposes().get(i);
            if (!Purposes.isAll(purpose) && !policy.knowsPurpose(purpose)) {
                throw ProblemException.invalidField("purposes[" + i + "]", "not one of the tenant's purposes");
            }
        }
    }

    private String requestHash(RecordCommand command) {
        RecordCommand withoutKey = new RecordCommand(command.tenant(), command.actor(), command.source(),
                command.identifiers(), command.purposes(), command.channels(), command.status(),
                command.policyVersion(), command.policyTextHash(), command.evidence(), command.expiresAt(),
                Optional.empty(), command.recordedAt());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(json.writeValueAsString(withoutKey).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String toJson(Recorded recorded) {
        try {
            return json.writeValueAsString(recorded);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Recorded fromJson(String stored) {
        try {
            return json.readValue(stored, Recorded.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored idempotent response is unreadable", e);
        }
    }
}
