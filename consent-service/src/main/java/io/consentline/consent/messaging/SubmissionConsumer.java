package io.consentline.consent.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.consentline.consent.domain.InvalidSubmissionException;
import io.consentline.consent.service.SubmissionService;
import io.consentline.events.EventCodec;
import io.consentline.events.MalformedEventException;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Consumes the gateway's submissions. The offset is committed only after the transaction committed; a record
 * that cannot be parsed or applied is nacked and lands on the dead-letter topic with the reason. Any other failure
 * (database down, session cut) is retried for as long as it lasts, backing off to every 10 s: a valid submission is
 * never dead-lettered because of an outage (an opt-out that only reached the dead-letter topic would leave the
 * dialer calling someone who said STOP), and the partition waits, so later events stay in order behind it.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final SubmissionService submissions;

    SubmissionConsumer(SubmissionService submissions) {
        this.submissions = submissions;
    }

    @Incoming("submissions")
    @Retry(delay = 500, jitter = 200, maxRetries = -1, maxDuration = 0, abortOn = { MalformedEventException.class,
            InvalidSubmissionException.class })
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public Uni<Void> consume(String value) {
        return Uni.createFrom().item(() -> EventCodec.decodeSubmission(value))
                .onFailure().invoke(e -> LOG.warnf("dead-lettering a submission: %s", e.getMessage()))
                .chain(submissions::apply)
                .replaceWithVoid();
    }
}
