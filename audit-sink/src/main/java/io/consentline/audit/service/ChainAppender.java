package io.consentline.audit.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.PendingEntry;
import io.consentline.audit.repository.AuditLogRepository;
import io.consentline.audit.repository.ChainRepository;
import io.consentline.audit.repository.ChainRepository.ChainState;
import io.consentline.audit.repository.ChainRepository.Head;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;

/**
 * Appends entries to their tenants' chains, many in one transaction: seal the personal data under each subject's
 * key, link each entry to the one before, insert all rows, move the chain heads. A batch is first linked ahead of
 * the heads' lock ({@link #aheadOfLock}), so one tenant's batches insert at the same time; when that does not work
 * out, it is appended again with the heads locked first, dropping event ids already recorded (exactly once).
 * Entries keep the order they are given in (Kafka's order per partition).
 */
@ApplicationScoped
public class ChainAppender {

    /**
     * How long a batch linked ahead of the lock waits for the batches ahead of it to lock their heads. They do not
     * wait for it, so this bounds only the rare case of a batch ahead waiting in PostgreSQL for one of this
     * batch's rows (the same event id in both); the batch then gives up and is appended again under the lock.
     */
    static final Duration TURN_PATIENCE = Duration.ofSeconds(5);

    /**
     * How long a batch waits for its tenants' batches appended under the lock from the start to end, so that it can
     * link ahead of the lock after them (one takes ~50-100 ms). Bounds the rare case of one of those waiting in
     * PostgreSQL for one of this batch's rows (a subject key both need): the batch then queues under the lock too,
     * and PostgreSQL's deadlock detection decides.
     */
    static final Duration LOCK_FIRST_PATIENCE = Duration.ofSeconds(1);

    private static final Logger LOG = Logger.getLogger(ChainAppender.class);

    private final ChainTails tails = new ChainTails();
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
     * Completes once the entries are committed, with the records appended (repeats are left out). The batch is
     * first appended ahead of the heads' lock ({@link #aheadOfLock}), as if none of its events were recorded yet
     * and no other process appended to its chains. When that does not hold — the unique {@code event_id} stops a
     * repeat, the head moved elsewhere than predicted, an erasure came in between, a deadlock — it is appended
     * again in a new transaction, under the heads' lock from the start, after dropping the event ids already
     * recorded. Either way the chain is linked over exactly the rows inserted, so it has no gap.
     */
    public Uni<List<AuditRecord>> append(List<PendingEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<PendingEntry> distinct = unrecorded(entries, Set.of());
        return aheadOfLock(distinct)
                .onFailure(ChainAppender::isContention)
                .recoverWithUni(() -> inTurn(distinct, done -> pool.withTransaction(tx -> append(tx, distinct, true))
                        .onItemOrFailure().invoke((appended, failure) -> done.accept(appended))))
                .invoke(appended -> keys.remember(appended.sealedWith()))
                .map(Appended::records);
    }

    /**
     * Runs an append under the heads' lock from the start in its turn among this process's batches of the same
     * tenants (see {@link ChainTails#lockFirst}). The work calls the consumer it is given once its transaction
     * ended, with what it appended (null when it rolled back). Waits at most {@link #TURN_PATIENCE} for the turn:
     * after that PostgreSQL's deadlock detection is what resolves a batch waiting for it.
     */
    private Uni<Appended> inTurn(List<PendingEntry> entries, Function<Consumer<Appended>, Uni<Appended>> work) {
        List<String> tenants = tenants(entries).stream().distinct().toList();
        LOG.debugf("a batch of %d entries is appended under the heads' lock from the start", entries.size());
        CompletableFuture<Void> turn = tails.lockFirst(tenants);
        AtomicBoolean ended = new AtomicBoolean();
        Consumer<Appended> done = appended -> {
            if (ended.compareAndSet(false, true)) {
                tails.lockFirstDone(tenants, appended == null ? null : headsAfter(appended.records()));
            }
        };
        return Uni.createFrom().completionStage(turn).ifNoItem().after(TURN_PATIENCE).recoverWithItem((Void) null)
                .chain(() -> work.apply(done))
                // a failure before the work's transaction ended is a rollback (no-op once the work reported its end)
                .onFailure().invoke(() -> done.accept(null))
                .onCancellation().invoke(() -> done.accept(null));
    }

    /**
     * Appends in one transaction, the heads locked only at the end: seal (reading the chains' committed heads and
     * erasure counts first), take the batch's place in {@link ChainTails} and link the rows from it, insert them,
     * wait for the batches ahead of it to lock their heads, then move the heads if each is still where the batch
     * linked from and its tenant had no erasure since the keys were chosen (one statement, which waits in
     * PostgreSQL for those batches to commit), and commit. So one tenant's batches insert in parallel, and take
     * turns only to move the head and commit. Fails with {@link ChainMovedException} when a head is elsewhere;
     * the caller appends again under the lock. A tenant's first batch (no chain row yet) is appended under the
     * lock.
     */
    Uni<Appended> aheadOfLock(List<PendingEntry> entries) {
        Attempt attempt = new Attempt();
        return pool.withTransaction(tx -> seal(tx, entries).chain(sealing -> ahead(tx, entries, sealing, attempt)))
                .onItemOrFailure().invoke((appended, failure) -> attempt.ended(failure == null ? appended : null));
    }

    /** One transaction's go at an append ahead of the lock: what it reports to {@link ChainTails} once it ended. */
    final class Attempt {

        private ChainTails.Place place;
        private Consumer<Appended> lockedFirst;
        private boolean waitedForLockFirst;

        /** The transaction ended: committed, with what it appended; or rolled back (null). */
        void ended(Appended appended) {
            if (place != null) {
                place.done(appended != null);
            }
            if (lockedFirst != null) {
                lockedFirst.accept(appended);
            }
        }
    }

    /** {@link #aheadOfLock} once sealed, within its transaction; the attempt must be told when that ended. */
    Uni<Appended> ahead(SqlClient tx, List<PendingEntry> entries, Sealing sealing, Attempt attempt) {
        Map<String, Head> committed = heads(sealing.chains());
        List<AuditRecord> records = new ArrayList<>(entries.size());
        boolean firstOfATenant = !committed.keySet().containsAll(tenants(entries));
        ChainTails.Place place = firstOfATenant ? null
                : tails.take(committed, from -> {
                    records.addAll(link(sealing.sealed(), from));
                    return headsAfter(records);
                });
        if (place == null && !firstOfATenant && !attempt.waitedForLockFirst) {
            // A batch of its tenants is being appended under the lock. Queueing under the lock behind it would make
            // this batch one too, and the next batch would find this one there: one tenant's batches would take
            // turns for good (1.4 cores busy instead of 1.7-1.8). So wait for those to end, then link ahead of the
            // lock from where they left the chain (once; if another has started by then, queue under the lock).
            attempt.waitedForLockFirst = true;
            return Uni.createFrom().completionStage(tails.noneUnderLock(committed.keySet()))
                    .ifNoItem().after(LOCK_FIRST_PATIENCE).recoverWithItem((Void) null)
                    .chain(() -> ahead(tx, entries, sealing, attempt));
        }
        if (place == null) { // a tenant's first batch, or one of its batches is still appended under the lock
            return inTurn(entries, done -> {
                attempt.lockedFirst = done;
                return underLock(tx, entries, sealing, false);
            });
        }
        attempt.place = place;
        return log.insert(tx, records)
                .chain(() -> Uni.createFrom().completionStage(place.turn())
                        .ifNoItem().after(TURN_PATIENCE).failWith(() -> new ChainMovedException(
                                "the batches ahead did not lock their chains' heads within " + TURN_PATIENCE)))
                .chain(() -> chains.move(tx, moves(place, sealing.erasuresBefore())))
                .eventually(place::locked)
                .map(moved -> {
                    if (!moved) {
                        throw new ChainMovedException("a chain's head is not where the batch was linked from, or "
                                + "its tenant had an erasure since the batch's keys were chosen");
                    }
                    return new Appended(records, sealing.batch());
                });
    }

    /**
     * The batch's moves, in tenant order like every lock on the heads (in this process a batch moves only after the
     * batches ahead of it locked theirs; between processes a deadlock is broken by PostgreSQL, and the batch it
     * aborts appended again).
     */
    private static List<ChainRepository.Move> moves(ChainTails.Place place, Map<String, Long> erasures) {
        List<ChainRepository.Move> moves = new ArrayList<>();
        place.to().forEach((tenant, to) -> moves.add(new ChainRepository.Move(tenant, place.from().get(tenant),
                erasures.getOrDefault(tenant, 0L), to)));
        moves.sort(Comparator.comparing(ChainRepository.Move::tenant));
        return moves;
    }

    /** A batch linked ahead of the lock found a chain's head elsewhere than it linked from. */
    static final class ChainMovedException extends RuntimeException {
        ChainMovedException(String message) {
            super(message, null, false, false);
        }
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

    /**
     * What an append does before the heads' lock: the tenants' chains as committed (heads, erasure counts), then
     * the entries sealed.
     */
    record Sealing(Map<String, ChainState> chains, SubjectKeys.SealedBatch batch) {

        List<SubjectKeys.Sealed> sealed() {
            return batch.entries();
        }

        Map<String, Long> erasuresBefore() {
            return erasures(chains);
        }
    }

    Uni<Sealing> seal(SqlClient tx, List<PendingEntry> entries) {
        return chains.states(tx, tenants(entries)).chain(states -> keys.forSealing(tx, entries, erasures(states))
                .map(batch -> new Sealing(states, batch)));
    }

    /** Locks the heads, seals again if an erasure came in between, links and inserts the entries. */
    Uni<Appended> underLock(SqlClient tx, List<PendingEntry> entries, Sealing sealing, boolean dropRecorded) {
        return chains.lock(tx, tenants(entries))
                .chain(locked -> (erasedSince(sealing.erasuresBefore(), locked)
                        ? keys.forSealing(tx, entries, erasures(locked))
                        : Uni.createFrom().item(sealing.batch()))
                        .chain(batch -> fresh(tx, batch.entries(), dropRecorded)
                                .map(fresh -> link(fresh, heads(locked)))
                                .call(records -> records.isEmpty() ? Uni.createFrom().voidItem()
                                        : log.append(tx, records, headsAfter(records)))
                                .map(records -> new Appended(records, batch))));
    }

    private static Map<String, Long> erasures(Map<String, ChainState> chains) {
        Map<String, Long> erasures = new HashMap<>();
        chains.forEach((tenant, chain) -> erasures.put(tenant, chain.erasures()));
        return erasures;
    }

    private static Map<String, Head> heads(Map<String, ChainState> chains) {
        Map<String, Head> heads = new HashMap<>();
        chains.forEach((tenant, chain) -> heads.put(tenant, chain.head()));
        return heads;
    }

    private static List<String> tenants(List<PendingEntry> entries) {
        return entries.stream().map(PendingEntry::tenant).toList();
    }

    /** Whether any of the locked tenants has had an erasure since the counts were read. */
    static boolean erasedSince(Map<String, Long> before, Map<String, ChainState> locked) {
        for (Map.Entry<String, ChainState> chain : locked.entrySet()) {
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

    /**
     * Why a batch appended ahead of the lock is appended again under it: a head elsewhere than predicted; a unique
     * violation (in a batch of distinct event ids, one recorded before or a concurrent repeat; or a seq another
     * process took); a deadlock or serialization failure.
     */
    static boolean isContention(Throwable e) {
        return e instanceof ChainMovedException || e instanceof io.vertx.pgclient.PgException pg
                && ("23505".equals(pg.getSqlState()) || "40P01".equals(pg.getSqlState())
                        || "40001".equals(pg.getSqlState()));
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

    private static List<AuditRecord> link(List<SubjectKeys.Sealed> sealing, Map<String, Head> from) {
        Map<String, Head> heads = new HashMap<>(from);
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
