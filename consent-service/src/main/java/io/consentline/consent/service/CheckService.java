package io.consentline.consent.service;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.consent.domain.ConsentPolicy;
import io.consentline.consent.domain.Decision;
import io.consentline.consent.repository.ConsentStateRepository;
import io.consentline.events.Channel;
import io.consentline.events.Identifier;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Answers a dialer's question for one identifier. Fails closed: when the state cannot be read, the answer is
 * 503, never ALLOW.
 */
@ApplicationScoped
public class CheckService {

    private static final Logger LOG = Logger.getLogger(CheckService.class);

    private final ConsentStateRepository states;
    private final IdentifierHasher hasher;

    CheckService(ConsentStateRepository states, IdentifierHasher hasher) {
        this.states = states;
        this.hasher = hasher;
    }

    public Uni<Decision> check(String tenant, Identifier identifier, String purpose, Channel channel, Instant at) {
        String hash = hasher.hash(tenant, identifier);
        return Panache.withSession(() -> states.find(tenant, hash, purpose, channel))
                .map(current -> ConsentPolicy.decide(Optional.ofNullable(current), at))
                .onFailure(e -> !(e instanceof ProblemException)).transform(e -> {
                    LOG.warnf("consent state unavailable for a check (%s): answering 503", e.getClass().getSimpleName());
                    return ProblemException.unavailable("Consent state is unavailable; no answer can be given");
                });
    }
}
