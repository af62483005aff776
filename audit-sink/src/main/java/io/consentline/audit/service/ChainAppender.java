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
 * Appends entries to their tenants' chains, many in one transaction: lock the chain heads, drop event ids
 * already recorded (exactly once), seal the personal data under each subject's key, link each entry to the one
 * before, insert all rows and move the heads in one statement. Entries keep the order they are given in (Kafka's
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
                .recoverWithUni(() -> pool.withTransaction(tx -> append(tx, distinct, true)));
    }

    /** Appends within the caller's transaction, dropping event ids already recorded. */
    public Uni<List<AuditRecord>> append(SqlClient tx, List<PendingEntry> entries) {
        return append(tx, entries, true);
    }

    /**
     * Under the heads' lock from the start: the subject keys are looked up under it too, so an erasure (which
     * shreds a key, then appends its own entry under the same lock) is either wholly before this batch — and the
     * batch makes a new key — or wholly after it, and the batch's entries, sealed under the old key, are erased
     * with it. Looking the keys up before the lock would let an entry sealed under a key shredded meanwhile land
     * after the erasure. Round trips: lock-and-read the heads, find the keys (insert missing ones and read them
     * back), insert the rows and move the heads in one statement, commit.
     */
    private Uni<List<AuditRecord>> append(SqlClient tx, List<PendingEntry> entries, boolean dropRecorded) {
        List<String> tenants = entries.stream().map(PendingEntry::tenant).toList();
        return chains.lock(tx, tenants)
                .chain(heads -> fresh(tx, entries, dropRecorded)
                        .chain(fresh -> keys.forSealing(tx, fresh))
                        .map(sealing -> link(sealing, heads))
                        .call(records -> records.isEmpty() ? Uni.createFrom().voidItem()
                                : log.append(tx, records, headsAfter(records))));
    }

    private Uni<List<PendingEntry>> fresh(SqlClient tx, List<PendingEntry> entries, boolean dropRecorded) {
        if (!dropRecorded) {
            return Uni.createFrom().item(entries);
        }
        List<String> eventIds = entries.stream().map(PendingEntry::eventId).toList();
        return log.recordedEventIds(tx, eventIds).map(recorded -> unrecorded(entries, recorded));
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

    private static List<AuditRecord> link(List<SubjectKeys.Sealed> sealing, Map<String, Head> locked) {
        Map<String, Head> heads = new HashMap<>(locked);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<AuditRecord> records = new ArrayList<>(sealing.size());
        for (SubjectKeys.Sealed s : sealing) {
            Head head = heads.get(s.entry().tenant());
            AuditRecord record = s.entry().chained(head.seq() + 1, head.hash(), now, s.keyId(), s.sealed());
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
