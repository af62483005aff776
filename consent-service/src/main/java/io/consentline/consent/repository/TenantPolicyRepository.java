package io.consentline.consent.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.consent.domain.policy.PolicyDocument;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Tenant policies, stored as JSON documents. Runs inside the caller's session or transaction. */
@ApplicationScoped
public class TenantPolicyRepository {

    private final ObjectMapper json;

    TenantPolicyRepository(ObjectMapper json) {
        this.json = json;
    }

    /** The tenant's policy, or the strict default when it has none. */
    public Uni<TenantPolicy> find(String tenant) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select cast(policy as text) from tenant_policy where tenant = :tenant", String.class)
                .setParameter("tenant", tenant)
                .getSingleResultOrNull())
                .map(stored -> stored == null ? TenantPolicy.DEFAULT : parse(stored));
    }

    public Uni<Integer> save(String tenant, TenantPolicy policy, String actor, Instant now) {
        String document = write(PolicyDocument.of(policy));
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into tenant_policy (tenant, policy, updated_at, updated_by)
                values (:tenant, cast(cast(:policy as text) as jsonb), :now, :actor)
                on conflict (tenant) do update
                  set policy = excluded.policy, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .setParameter("tenant", tenant)
                .setParameter("policy", document)
                .setParameter("now", now)
                .setParameter("actor", actor)
                .executeUpdate());
    }

    // Parameters are cast to text first: bound straight to jsonb, the PostgreSQL client would store the
    // string as a JSON string value instead of parsing it.
    TenantPolicy parse(String stored) {
        try {
            return json.readValue(stored, PolicyDocument.class).toPolicy();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored tenant policy is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private String write(PolicyDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
