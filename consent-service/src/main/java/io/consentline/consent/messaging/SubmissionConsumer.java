package io.consentline.consent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.consentline.consent.domain.InvalidSubmissionException;
import io.consentline.consent.service.SubmissionService;
import io.consentline.events.EventCodec;
import io.consentline.events.MalformedEventException;
import io.smallrye.mutiny.Uni;

/**
 * Consumes the gateway's submissions. The offset is committed only after the transaction committed; a record
 * that cannot be parsed or applied is nacked and lands on the dead-letter topic with the reason; transient
 * failures (database down) are retried first.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final SubmissionService submissions;

    SubmissionConsumer(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @Incoming("submissions")
    @Retry(delay = 500, maxRetries = 20, jitter = 200, abortOn = { MalformedEventException.class,
            InvalidSubmissionException.class })
    public Uni<Void> consume(String value) {
        return Uni.createFrom().item(() -> EventCodec.decodeSubmission(value))
                .onFailure().invoke(e -> LOG.warnf("dead-lettering a submission: %s", e.getMessage()))
                .chain(submissions::apply)
                .replaceWithVoid();
    }
}
