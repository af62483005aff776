package io.consentline.audit.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import java.time.temporal.ChronoUnit;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.mutiny.Uni;

/**
 * Consumes the gateway's submissions ({@code consent.submissions.v1}) into the audit log, rejected or superseded
 * ones included, a poll's worth of records at a time. See {@link BatchRecorder} for the guarantees.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private final BatchRecorder recorder;

    SubmissionConsumer(BatchRecorder recorder) {
        this.recorder = recorder;
    }

    @Incoming("submissions")
    @Retry(delay = 500, jitter = 200, maxRetries = -1, maxDuration = 0)
    @ExponentialBackoff(maxDelay = 10, maxDelayUnit = ChronoUnit.SECONDS)
    public Uni<Void> consume(ConsumerRecords<String, String> records) {
        return recorder.record(records);
    }
}
