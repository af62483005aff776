package io.consentline.audit.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.AuditEntry;
import io.consentline.audit.domain.SubjectNotFoundException;
import io.consentline.audit.domain.SubjectReport;
import io.consentline.audit.domain.chain.EventEntries;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.audit.domain.chain.PersonalFields;
import io.consentline.audit.domain.chain.StoredEntry;
import io.consentline.audit.repository.AuditLogRepository;
import io.consentline.audit.repository.ChainRepository;
import io.consentline.audit.repository.CheckpointRepository;
import io.consentline.audit.repository.SubjectKeyRepository;
import io.consentline.events.EventIds;
import io.consentline.events.Identifier;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A subject's rights over the log: access (GDPR Art. 15: everything about them, decrypted) and erasure
 * (Art. 17, by crypto-shredding: their key is deleted, so their entries still verify and still show what
 * happened and when, but no longer who). The erasure is itself an entry of the log.
 */
@ApplicationScoped
public class SubjectService {

    /** A subject, found by one identifier or by consent-service's subject id. */
    public record SubjectRef(Identifier identifier, String subjectId) {
        String field() {
            return identifier != null ? "identifier" : "subjectId";
        }
    }

    /** What an erasure did. */
    public record Erasure(int keysErased, List<String> entryEventIds) {
    }

    private final Pool pool;
    private final AuditLogRepository log;
    private final SubjectKeys keys;
    private final SubjectKeyRepository keyRepository;
    private final CheckpointRepository checkpoints;
    private final ChainAppender appender;
    private final ChainRepository chains;
    private final IdentifierHasher hasher;

    SubjectService(Pool pool, AuditLogRepository log, SubjectKeys keys, SubjectKeyRepository keyRepository,
            CheckpointRepository checkpoints, ChainAppender appender, ChainRepository chains,
            IdentifierHasher hasher) {
        this.pool = pool;
        this.log = log;
        this.keys = keys;
        this.keyRepository = keyRepository;
        this.checkpoints = checkpoints;
        this.appender = appender;
        this.chains = chains;
        this.hasher = hasher;
    }

    public Uni<SubjectReport> access(String tenant, SubjectRef subject) {
        return entriesOf(tenant, subject).chain(entries -> {
            List<String> hashes = entries.stream().map(e -> e.record().identifierHash()).distinct().toList();
            return keys.of(tenant, hashes).chain(found -> checkpoints.latest(tenant)
                    .map(checkpoint -> new SubjectReport(items(entries, found), checkpoint)));
        }).onFailure(e -> !(e instanceof ProblemException)).transform(EntryService::unavailable);
    }

    public Uni<Erasure> erase(String tenant, SubjectRef subject, String actor) {
        return entriesOf(tenant, subject).chain(entries -> {
            List<StoredEntry> identifiers = firstPerIdentifier(entries);
            List<String> hashes = identifiers.stream().map(e -> e.record().identifierHash()).toList();
            // the head's lock first, counting the erasure: no append of the tenant is then halfway through while
            // the keys disappear (ChainAppender compares the count before and under the lock)
            return pool.withTransaction(tx -> chains.markErasure(tx, tenant)
                    .chain(() -> keyRepository.delete(tx, tenant, hashes)).chain(erased -> {
                Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
                List<PendingEntry> records = identifiers.stream().map(e -> EventEntries.erasure(tenant,
                        EventIds.next(), e.record().identifierHash(), e.record().identifierType(),
                        subject.subjectId(), erased.contains(e.record().identifierHash()) ? 1 : 0, actor, at))
                        .toList();
                return appender.append(tx, records).map(appended -> new Erasure(erased.size(),
                        appended.stream().map(r -> r.eventId()).toList()));
            })).onFailure(SubjectService::isDeadlock).retry().atMost(2);
        }).onFailure(e -> !(e instanceof ProblemException)).transform(EntryService::unavailable);
    }

    /**
     * The erasure holds the chain head's lock while it appends; a batch linked ahead of that lock may hold rows
     * the erasure's entry would collide with while it waits for the lock (ChainAppender). PostgreSQL then aborts
     * one of the two; when it is the erasure, nothing of it was committed, and it is simply run again.
     */
    private static boolean isDeadlock(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "40P01".equals(pg.getSqlState());
    }

    private Uni<List<StoredEntry>> entriesOf(String tenant, SubjectRef subject) {
        Uni<List<String>> hashes = subject.identifier() != null
                ? Uni.createFrom().item(List.of(hasher.hash(tenant, subject.identifier())))
                : log.identifierHashesOf(tenant, subject.subjectId());
        return hashes.chain(h -> h.isEmpty() ? Uni.createFrom().item(List.<StoredEntry>of())
                : log.ofIdentifiers(tenant, h))
                .invoke(entries -> {
                    if (entries.isEmpty()) {
                        throw new SubjectNotFoundException(subject.field());
                    }
                });
    }

    private static List<StoredEntry> firstPerIdentifier(List<StoredEntry> entries) {
        Map<String, StoredEntry> first = new java.util.LinkedHashMap<>();
        for (StoredEntry entry : entries) {
            first.putIfAbsent(entry.record().identifierHash(), entry);
        }
        return new ArrayList<>(first.values());
    }

    private static List<SubjectReport.Item> items(List<StoredEntry> entries, Map<String, SubjectKeys.SubjectKey> keys) {
        List<SubjectReport.Item> items = new ArrayList<>(entries.size());
        for (StoredEntry stored : entries) {
            var record = stored.record();
            SubjectKeys.SubjectKey key = keys.get(record.identifierHash());
            boolean sealed = record.sealed() != null;
            boolean readable = sealed && key != null && key.id().equals(record.keyId());
            items.add(new SubjectReport.Item(AuditEntry.of(stored),
                    readable ? PersonalFields.restore(record.facts(), SubjectKeys.open(key, record.eventId(),
                            record.sealed())) : null,
                    sealed && !readable));
        }
        return items;
    }

}
