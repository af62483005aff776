package io.consentline.consent.repository;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Idempotency keys of API calls, claimed inside the call's transaction: a second call with the same key waits
 * for the first to commit (primary-key lock), then finds its stored answer.
 */
@ApplicationScoped
public class IdempotencyRepository {

    /** A stored key: the hash of the request it was first used with, and the answer given. */
    public record StoredKey(String requestHash, String response) {
    }

    /** True when the key was claimed now; false when it was used before. */
    public Uni<Boolean> claim(String tenant, String key, String requestHash, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into idempotency_key (tenant, key, request_hash, created_at)
                values (:tenant, :key, :hash, :now) on conflict do nothing""")
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    public Uni<StoredKey> find(String tenant, String key) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(
                "select request_hash, cast(response as text) from idempotency_key where tenant = :tenant and key = :key")
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .getResultList())
                .map(IdempotencyRepository::first);
    }

    public Uni<Integer> storeResponse(String tenant, String key, String response) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "update idempotency_key set response = cast(cast(:response as text) as jsonb) where tenant = :tenant and key = :key")
                .setParameter("response", response)
                .setParameter("tenant", tenant)
                .setParameter("key", key)
                .executeUpdate());
    }

    private static StoredKey first(List<Object[]> rows) {
        return rows.isEmpty() ? null : new StoredKey((String) rows.get(0)[0], (String) rows.get(0)[1]);
    }
}
