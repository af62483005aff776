package io.consentline.audit.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.audit.repository.AuditLogRepository;
import io.consentline.audit.repository.ChainRepository;
import io.consentline.audit.repository.ChainRepository.Head;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Appends entries to their tenants' chains, many in one transaction: seal the personal data under each subject's
 * key, lock the chain heads, drop event ids already recorded (exactly once), link each entry to the one before,
 * insert all rows and move the heads in one statement. Entries keep the order they are given in (Kafka's
 * order per partition).
 */
@ApplicationScoped
public class ChainAppender {

    private final Pool pool;
    private final ChainRepository chains;
    private final AuditLogRepository log;
    private final SubjectKeys keys;

    ChainAppender(Pool pool, ChainRepository chains, AuditLogRepository log, SubjectKeys keys) {
        this.pool = pool;
        this.chains = chains;
        this.log = log;
        this.keys = keys;
    }

    /**
     * Completes once the entries are committed, with the records appended (repeats are left out). Redeliveries
     * are rare, so the batch is first appended as if none of its events were recorded yet, and the unique
     * {@code event_id} stops a repeat: only then is the batch appended again, in a new transaction, after dropping
     * the event ids already recorded. Either way the chain is linked over exactly the rows inserted, so it has
     * no gap.
     */
    public Uni<List<AuditRecord>> append(List<PendingEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<PendingEntry> distinct = unrecorded(entries, Set.of());
        return pool.withTransaction(tx -> append(tx, distinct, false))
                .onFailure(ChainAppender::isRepeatedEvent)
                .recoverWithUni(() -> pool.withTransaction(tx -> append(tx, distinct, true)))
                .invoke(appended -> keys.remember(appended.sealedWith()))
                .map(Appended::records);
    }

    /** Appends within the caller's transaction, dropping event ids already recorded. */
    public Uni<List<AuditRecord>> append(SqlClient tx, List<PendingEntry> entries) {
        return append(tx, entries, true).map(Appended::records);
    }

    /** The records an append inserted, and the batch they were sealed in (its keys, for the key cache). */
    record Appended(List<AuditRecord> records, SubjectKeys.SealedBatch sealedWith) {
    }

    /**
     * Seals first, then takes the heads' lock: one tenant's batches take turns under the lock, so the less done
     * under it the better. Round trips before the lock: the tenants' erasure counts, then the subject keys that
     * committed appends did not leave in the key cache under the same counts (missing ones inserted and read back;
     * none when every subject was seen lately); under it: lock-and-read the heads, insert the rows and move the
     * heads in one statement, commit. Once committed, the batch's keys are remembered with the counts they were
     * looked up under (or, after sealing again, the counts under the lock).
     *
     * <p>An erasure shreds keys, and entries sealed under a key shredded before them would be unreadable from the
     * start. So the erasure counts read before the keys are compared with those the lock answers: an erasure
     * takes the same lock and counts itself before it shreds anything ({@link ChainRepository#markErasure}), so if
     * the counts match no key looked up can have been shredded since. If they differ (rare), the keys are looked
     * up and the entries sealed again, under the lock. Either way an erasure is wholly before the batch (which
     * then seals under a new key) or wholly after it (and the batch's entries are erased with it).
     */
    private Uni<Appended> append(SqlClient tx, List<PendingEntry> entries, boolean dropRecorded) {
        return seal(tx, entries).chain(sealing -> underLock(tx, entries, sealing, dropRecorded));
    }

    /** What an append does before the heads' lock: the tenants' erasure counts, then the entries sealed. */
    record Sealing(Map<String, Long> erasuresBefore, SubjectKeys.SealedBatch batch) {

        List<SubjectKeys.Sealed> sealed() {
            return batch.entries();
        }
    }

    Uni<Sealing> seal(SqlClient tx, List<PendingEntry> entries) {
        return chains.erasures(tx, tenants(entries))
                .chain(erasures -> keys.forSealing(tx, entries, erasures).map(batch -> new Sealing(erasures, batch)));
    }

    /** Locks the heads, seals again if an erasure came in between, links and inserts the entries. */
    Uni<Appended> underLock(SqlClient tx, List<PendingEntry> entries, Sealing sealing, boolean dropRecorded) {
        return chains.lock(tx, tenants(entries))
                .chain(locked -> (erasedSince(sealing.erasuresBefore(), locked)
                        ? keys.forSealing(tx, entries, erasures(locked))
                        : Uni.createFrom().item(sealing.batch()))
                        .chain(batch -> fresh(tx, batch.entries(), dropRecorded)
                                .map(fresh -> link(fresh, locked))
                                .call(records -> records.isEmpty() ? Uni.createFrom().voidItem()
                                        : log.append(tx, records, headsAfter(records)))
                                .map(records -> new Appended(records, batch))));
    }

    private static Map<String, Long> erasures(Map<String, ChainRepository.Locked> locked) {
        Map<String, Long> erasures = new HashMap<>();
        locked.forEach((tenant, chain) -> erasures.put(tenant, chain.erasures()));
        return erasures;
    }

    private static List<String> tenants(List<PendingEntry> entries) {
        return entries.stream().map(PendingEntry::tenant).toList();
    }

    /** Whether any of the locked tenants has had an erasure since the counts were read. */
    static boolean erasedSince(Map<String, Long> before, Map<String, ChainRepository.Locked> locked) {
        for (Map.Entry<String, ChainRepository.Locked> chain : locked.entrySet()) {
            if (chain.getValue().erasures() != before.getOrDefault(chain.getKey(), 0L)) {
                return true;
            }
        }
        return false;
    }

    private Uni<List<SubjectKeys.Sealed>> fresh(SqlClient tx, List<SubjectKeys.Sealed> sealed, boolean dropRecorded) {
        if (!dropRecorded) {
            return Uni.createFrom().item(sealed);
        }
        List<String> eventIds = sealed.stream().map(s -> s.entry().eventId()).toList();
        return log.recordedEventIds(tx, eventIds).map(recorded -> {
            Set<String> seen = new HashSet<>(recorded);
            List<SubjectKeys.Sealed> fresh = new ArrayList<>(sealed.size());
            for (SubjectKeys.Sealed s : sealed) {
                if (seen.add(s.entry().eventId())) {
                    fresh.add(s);
                }
            }
            return fresh;
        });
    }

    /** A unique violation: in a batch of distinct event ids, one recorded before (or a concurrent repeat). */
    private static boolean isRepeatedEvent(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && "23505".equals(pg.getSqlState());
    }

    /** The entries not recorded yet, each event id once, in the order given. */
    private static List<PendingEntry> unrecorded(List<PendingEntry> entries, Set<String> recorded) {
        Set<String> seen = new HashSet<>(recorded);
        List<PendingEntry> fresh = new ArrayList<>(entries.size());
        for (PendingEntry entry : entries) {
            if (seen.add(entry.eventId())) {
                fresh.add(entry);
            }
        }
        return fresh;
    }

    private static List<AuditRecord> link(List<SubjectKeys.Sealed> sealing, Map<String, ChainRepository.Locked> locked) {
        Map<String, Head> heads = new HashMap<>();
        locked.forEach((tenant, chain) -> heads.put(tenant, chain.head()));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<AuditRecord> records = new ArrayList<>(sealing.size());
        for (SubjectKeys.Sealed s : sealing) {
            Head head = heads.get(s.entry().tenant());
            AuditRecord record = s.entry().chained(head.seq() + 1, head.hash(), now, s.keyId(), s.sealed(),
                    s.factsHash(), s.sealedHash());
            heads.put(record.tenant(), new Head(record.seq(), record.hash()));
            records.add(record);
        }
        return records;
    }

    private static Map<String, Head> headsAfter(List<AuditRecord> records) {
        Map<String, Head> heads = new LinkedHashMap<>();
        for (AuditRecord record : records) {
            heads.put(record.tenant(), new Head(record.seq(), record.hash()));
        }
        return heads;
    }
}
