package io.consentline.consent.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.policy.InvalidPolicyException;
import io.consentline.consent.domain.policy.PolicyDocument;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.consent.repository.TenantPolicyRepository;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.cache.CacheInvalidate;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Reads and replaces a tenant's consent policy. Policies are read on every check, so they are cached in
 * memory for {@code quarkus.cache.caffeine."tenant-policy".expire-after-write} (10 s): a change is seen at
 * once by the instance that made it and within that time by the others.
 */
@ApplicationScoped
public class PolicyService {

    static final String CACHE = "tenant-policy";

    private final TenantPolicyRepository policies;

    PolicyService(TenantPolicyRepository policies) {
        this.policies = policies;
    }

    @CacheResult(cacheName = CACHE)
    public Uni<TenantPolicy> policyOf(String tenant) {
        return Panache.withSession(() -> policies.find(tenant));
    }

    @CacheInvalidate(cacheName = CACHE)
    public Uni<TenantPolicy> replace(@CacheKey String tenant, PolicyDocument document, String actor) {
        TenantPolicy policy;
        try {
            policy = document.toPolicy();
        } catch (InvalidPolicyException e) {
            // a failed Uni, not a throw: the cache interceptor around this method would wrap a thrown exception
            return Uni.createFrom().failure(ProblemException.invalidField(e.field(), e.getMessage()));
        }
        return Panache.withTransaction(() -> policies.save(tenant, policy, actor, Instant.now())).replaceWith(policy);
    }
}
