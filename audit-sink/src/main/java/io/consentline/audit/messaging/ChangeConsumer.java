package io.consentline.audit.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.consentline.audit.domain.InvalidChangeException;
import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.service.RecordingService;
import io.consentline.events.MalformedEventException;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Consumes consent-service's changes into the audit log. The offset is committed only after the entry is
 * durable; a repeated event id changes nothing, so redelivery after a crash is harmless. A record that can
 * never be recorded is nacked and lands on the dead-letter topic with the reason; transient failures (database
 * down) are retried first, holding the partition so the log keeps the topic's order.
 */
@ApplicationScoped
public class ChangeConsumer {

    private static final Logger LOG = Logger.getLogger(ChangeConsumer.class);

    private final RecordingService recording;

    ChangeConsumer(RecordingService recording) {
        this.recording = recording;
    }

    @Incoming("changes")
    @Retry(delay = 500, maxRetries = 20, jitter = 200, abortOn = { MalformedEventException.class,
            InvalidChangeException.class })
    public Uni<Void> consume(String value, IncomingKafkaRecordMetadata<String, String> kafka) {
        LogPosition position = new LogPosition(kafka.getPartition(), kafka.getOffset());
        return recording.record(value, position)
                .onFailure(ChangeConsumer::isPoison)
                .invoke(e -> LOG.warnf("dead-lettering the change at partition %d offset %d: %s",
                        position.partition(), position.offset(), e.getMessage()))
                .onFailure(e -> !isPoison(e))
                .invoke(e -> LOG.warnf("could not record the change at partition %d offset %d (%s); retrying",
                        position.partition(), position.offset(), e.getClass().getSimpleName()))
                .replaceWithVoid();
    }

    private static boolean isPoison(Throwable e) {
        return e instanceof MalformedEventException || e instanceof InvalidChangeException;
    }
}
