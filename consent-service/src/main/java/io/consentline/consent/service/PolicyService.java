package io.consentline.consent.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.consent.domain.policy.InvalidPolicyException;
import io.consentline.consent.domain.policy.PolicyDocument;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.consent.repository.TenantPolicyRepository;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Reads and replaces a tenant's consent policy. */
@ApplicationScoped
public class PolicyService {

    private final TenantPolicyRepository policies;

    PolicyService(TenantPolicyRepository policies) {
        this.policies = policies;
    }

    public Uni<TenantPolicy> policyOf(String tenant) {
        return Panache.withSession(() -> policies.find(tenant));
    }

    public Uni<TenantPolicy> replace(String tenant, PolicyDocument document, String actor) {
        TenantPolicy policy;
        try {
            policy = document.toPolicy();
        } catch (InvalidPolicyException e) {
            throw ProblemException.invalidField(e.field(), e.getMessage());
        }
        return Panache.withTransaction(() -> policies.save(tenant, policy, actor, Instant.now())).replaceWith(policy);
    }
}
