package io.consentline.audit.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.consentline.audit.repository.ChainRepository.Head;

/**
 * Where this process's batches in flight have left each tenant's chain, so that a batch can be linked, and its
 * rows inserted, before the batches ahead of it have committed: the chain's head lock is then held only to move
 * the head and commit, not for the whole insert.
 *
 * <p>A batch takes its place ({@link #take}): it links from the tail this process's earlier batches left (in
 * flight or committed), or from the committed head it read when that is further on (another process appended),
 * and becomes the new tail. Before it moves the heads in the database it waits for its turn: every earlier batch
 * of its tenants has locked the heads (or given up). Its move then waits in PostgreSQL for their commit and checks
 * that the head is the one it linked from. This is a prediction, not a guarantee: the database decides. When an
 * earlier batch rolls back, or another process appended, the move finds another head and the batch rolls back too
 * (and is appended again under the lock); the tenant's tail is then not trusted again until its batches in flight
 * are done.
 *
 * <p>Plain and thread-safe; holds one tail per tenant this process appended to (a few hundred bytes each), up to
 * {@link #MAX_TENANTS} idle ones.
 */
final class ChainTails {

    private static final class Tail {
        private Head head;
        private CompletableFuture<Void> lastLock = CompletableFuture.completedFuture(null);
        private int inFlight;
        private int underLock;
        /** Completes when no batch of the tenant is appended under the lock from the start any more. */
        private CompletableFuture<Void> noneUnderLock = CompletableFuture.completedFuture(null);
        private boolean broken;
    }

    /** One batch's place: the heads it links from and moves to, and its turn to lock them. */
    final class Place {

        private final Map<String, Head> from;
        private final Map<String, Head> to;
        private final CompletableFuture<Void> earlier;
        private final CompletableFuture<Void> locked = new CompletableFuture<>();
        private final AtomicBoolean done = new AtomicBoolean();

        private Place(Map<String, Head> from, Map<String, Head> to, CompletableFuture<Void> earlier) {
            this.from = from;
            this.to = to;
            this.earlier = earlier;
        }

        /** Per tenant, the head the batch's first row links to. */
        Map<String, Head> from() {
            return from;
        }

        /** Per tenant, the batch's last row. */
        Map<String, Head> to() {
            return to;
        }

        /** Completes once every batch that took its place before this one (same tenants) locked or gave up. */
        CompletableFuture<Void> turn() {
            return earlier;
        }

        /** The batch holds its heads' locks (or gave up before): later batches may try theirs. */
        void locked() {
            locked.complete(null);
        }

        /** The batch's transaction ended; a rolled-back one makes its tenants' tails untrustworthy. */
        void done(boolean committed) {
            locked();
            if (done.compareAndSet(false, true)) {
                release(this, committed);
            }
        }
    }

    /** Above this many tenants, tails with nothing in flight are forgotten as their batches end. */
    static final int MAX_TENANTS = 10_000;

    private final Map<String, Tail> tails = new HashMap<>();
    private final int maxTenants;

    ChainTails() {
        this(MAX_TENANTS);
    }

    ChainTails(int maxTenants) {
        this.maxTenants = maxTenants;
    }

    /**
     * Takes a batch's place in its tenants' chains.
     *
     * @param committed per tenant of the batch, the committed head it read
     * @param link links the batch from the given heads and answers the heads after it (called once, under this
     *        object's lock: keep it short)
     * @return null, without linking, while one of the tenants has a batch appended under the lock from the start
     *         ({@link #lockFirst}): where that one will leave the chain is not known yet
     */
    synchronized Place take(Map<String, Head> committed, Function<Map<String, Head>, Map<String, Head>> link) {
        for (String tenant : committed.keySet()) {
            Tail tail = tails.get(tenant);
            if (tail != null && tail.underLock > 0) {
                return null;
            }
        }
        Map<String, Head> from = new HashMap<>();
        List<CompletableFuture<Void>> earlier = new ArrayList<>();
        committed.forEach((tenant, head) -> {
            Tail tail = tails.get(tenant);
            from.put(tenant, further(tail, head));
            if (tail != null) {
                earlier.add(tail.lastLock);
            }
        });
        Map<String, Head> to = link.apply(Map.copyOf(from));
        Place place = new Place(from, to, CompletableFuture.allOf(earlier.toArray(CompletableFuture[]::new)));
        to.forEach((tenant, head) -> {
            Tail tail = tails.computeIfAbsent(tenant, t -> new Tail());
            tail.head = head;
            tail.lastLock = place.locked;
            tail.inFlight++;
            tail.broken = false;
        });
        return place;
    }

    /**
     * The further of a trusted tail and the committed head: the committed head was read a while ago (batches may
     * have committed since), and another process may have appended past this process's tail.
     */
    private static Head further(Tail tail, Head committed) {
        boolean trusted = tail != null && !tail.broken && tail.head != null;
        return trusted && tail.head.seq() >= committed.seq() ? tail.head : committed;
    }

    private synchronized void release(Place place, boolean committed) {
        place.to.keySet().forEach(tenant -> {
            Tail tail = tails.get(tenant);
            if (tail == null) {
                return;
            }
            tail.broken |= !committed;
            tail.inFlight--;
            forgetIfIdle(tenant, tail);
        });
    }

    /**
     * A batch of these tenants is about to be appended under the heads' lock from the start (a first batch, or one
     * appended again): until {@link #lockFirstDone}, no batch of theirs takes a place ahead of the lock. Completes
     * when every batch that took its place before has locked its heads, so the lock this one asks for next is not
     * held up by a batch waiting for it (its rows would collide with theirs).
     */
    synchronized CompletableFuture<Void> lockFirst(Collection<String> tenants) {
        List<CompletableFuture<Void>> earlier = new ArrayList<>();
        for (String tenant : tenants) {
            Tail tail = tails.computeIfAbsent(tenant, t -> new Tail());
            if (tail.underLock++ == 0) {
                tail.noneUnderLock = new CompletableFuture<>();
            }
            earlier.add(tail.lastLock);
        }
        return CompletableFuture.allOf(earlier.toArray(CompletableFuture[]::new));
    }

    /**
     * The batch {@link #lockFirst} announced ended.
     *
     * @param committed per tenant, its last row when it committed; null when it rolled back
     */
    synchronized void lockFirstDone(Collection<String> tenants, Map<String, Head> committed) {
        for (String tenant : tenants) {
            Tail tail = tails.get(tenant);
            if (tail == null) {
                continue;
            }
            tail.underLock--;
            Head head = committed == null ? null : committed.get(tenant);
            if (head != null && (tail.head == null || tail.broken || head.seq() >= tail.head.seq())) {
                // every batch that took its place before it had locked its heads before it asked (see lockFirst),
                // so they committed before it, and none took one since: its head is the chain's
                tail.head = head;
                tail.broken = false;
            }
            if (tail.underLock == 0) {
                tail.noneUnderLock.complete(null);
            }
            forgetIfIdle(tenant, tail);
        }
    }

    /**
     * Completes once none of these tenants has a batch appended under the lock from the start ({@link #lockFirst})
     * any more: then a batch that {@link #take} turned away can take its place, linked from where those left the
     * chain. Completes at once when there is none.
     */
    synchronized CompletableFuture<Void> noneUnderLock(Collection<String> tenants) {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (String tenant : tenants) {
            Tail tail = tails.get(tenant);
            if (tail != null && tail.underLock > 0) {
                pending.add(tail.noneUnderLock);
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new));
    }

    /**
     * Forgets an idle tail that is of no use (broken, or never linked), or any idle one once there are more than
     * {@code maxTenants}: a forgotten tenant's next batch links from the committed head it reads, which is right
     * unless a batch committed since that read (then it is appended again).
     */
    private void forgetIfIdle(String tenant, Tail tail) {
        boolean idle = tail.inFlight == 0 && tail.underLock == 0;
        if (idle && (tail.broken || tail.head == null || tails.size() > maxTenants)) {
            tails.remove(tenant);
        }
    }

    /** Tenants with a tail (for tests). */
    synchronized int tenants() {
        return tails.size();
    }
}
