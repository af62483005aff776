package io.consentline.consent.service;

import java.util.HexFormat;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.consent.domain.CheckFacts;
import io.consentline.consent.domain.ConsentPolicy;
import io.consentline.consent.domain.Decision;
import io.consentline.consent.domain.Identifiers;
import io.consentline.consent.domain.phone.PhoneNumbers;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.consent.repository.CheckStateReader;
import io.consentline.consent.repository.CheckStateReader.CheckState;
import io.consentline.consent.signing.DecisionSigner;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.logging.FailureText;
import io.consentline.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Answers a dialer's question for one identifier under the tenant's policy, and signs the answer. Fails
 * closed: when the state cannot be read, the answer is 503, never ALLOW.
 */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);

    private final CheckStateReader states;
    private final PolicyService policies;
    private final IdentifierHasher hasher;
    private final DecisionSigner signer;

    CheckService(CheckStateReader states, PolicyService policies, IdentifierHasher hasher, DecisionSigner signer) {
        this.states = states;
        this.policies = policies;
        this.hasher = hasher;
        this.signer = signer;
    }

    /** A decision with its signed token. */
    public record SignedDecision(Identifier identifier, Decision decision, String token) {
    }

    public Uni<SignedDecision> check(String tenant, CheckQuery query) {
        return policies.policyOf(tenant).chain(policy -> {
            Identifier identifier = normalize(query, policy);
            if (!policy.knowsPurpose(query.purpose())) {
                throw ProblemException.invalidField("purpose", "purpose is not one of the tenant's purposes");
            }
            // one keyed hash: raw bytes for the suppression lists, hex for the identifier index
            byte[] hash = hasher.hashBytes(tenant, identifier);
            return states.read(tenant, HexFormat.of().formatHex(hash), hash, identifier.type() == IdentifierType.PHONE,
                    query.purpose(), query.channel())
                    .map(state -> decide(tenant, query, policy, identifier, state));
        }).onFailure(e -> !(e instanceof ProblemException)).transform(e -> {
            LOG.warnf("consent state unavailable for a check (%s): answering 503", FailureText.of(e));
            return ProblemException.unavailable("Consent state is unavailable; no answer can be given");
        });
    }

    private SignedDecision decide(String tenant, CheckQuery query, TenantPolicy policy, Identifier identifier,
            CheckState state) {
        boolean phone = identifier.type() == IdentifierType.PHONE;
        CheckFacts facts = new CheckFacts(state.specific(), state.channelWide(),
                policy.requiresOptIn(query.purpose(), query.channel()), state.suppressingLists(), query.channel(),
                policy.windowFor(query.channel()), phone ? PhoneNumbers.timeZonesOf(identifier.value()) : List.of(),
                query.at());
        Decision decision = ConsentPolicy.decide(facts);
        return new SignedDecision(identifier, decision,
                signer.sign(tenant, identifier, query.purpose(), query.channel(), decision));
    }

    static Identifier normalize(CheckQuery query, TenantPolicy policy) {
        try {
            return Identifiers.normalize(query.identifierType(), query.identifier(), policy.defaultRegion());
        } catch (Identifiers.InvalidIdentifierException e) {
            throw ProblemException.invalidField(query.field(), query.field() + " " + e.getMessage());
        }
    }
}
