package io.consentline.audit.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.consentline.audit.service.SubjectKeys.Owner;
import io.consentline.audit.service.SubjectKeys.SubjectKey;

/**
 * The subject keys appends used lately, unwrapped, so that a batch of subjects seen before seals without a
 * database round trip and without unwrapping each key again (most consent changes are about people the log has
 * seen).
 *
 * <p>A key is deleted only by an erasure, and an erasure counts itself in its tenant's chain row before it deletes
 * anything ({@code ChainRepository.markErasure}). So each key is kept with its tenant's erasure count from when it
 * was known to exist, and is answered only to an append that read that same count: a different count means an
 * erasure may have shredded it since, and the tenant's keys are looked up again. An erasure that has not committed
 * yet when the count is read is caught as before, by the count under the chain head's lock (see ChainAppender).
 * Keys are remembered only after the batch that used them committed: a key made by a batch that rolled back never
 * existed. The least recently used keys go first; a capacity of 0 turns the cache off.
 */
final class SubjectKeyCache {

    private record Cached(SubjectKey key, long erasures) {
    }

    private final int capacity;
    private final LinkedHashMap<Owner, Cached> keys;

    SubjectKeyCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Owner, Cached> eldest) {
                return size() > SubjectKeyCache.this.capacity;
            }
        };
    }

    /**
     * The keys of these subjects that are known to exist under the erasure counts read (by tenant; a tenant
     * without a count has had no erasure). Keys kept under another count are forgotten.
     */
    synchronized Map<Owner, SubjectKey> known(Collection<Owner> owners, Map<String, Long> erasures) {
        Map<Owner, SubjectKey> known = new HashMap<>();
        for (Owner owner : owners) {
            Cached cached = keys.get(owner);
            if (cached == null) {
                continue;
            }
            if (cached.erasures() == erasures.getOrDefault(owner.tenant(), 0L)) {
                known.put(owner, cached.key());
            } else {
                keys.remove(owner);
            }
        }
        return known;
    }

    /** Keeps the keys a committed batch used, with the erasure counts it sealed them under. */
    synchronized void remember(Map<Owner, SubjectKey> used, Map<String, Long> erasures) {
        if (capacity == 0) {
            return;
        }
        used.forEach((owner, key) -> keys.put(owner, new Cached(key, erasures.getOrDefault(owner.tenant(), 0L))));
    }

    synchronized int size() {
        return keys.size();
    }
}
