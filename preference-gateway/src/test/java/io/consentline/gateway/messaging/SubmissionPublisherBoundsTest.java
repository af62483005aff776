package io.consentline.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The caller's wait leaves every transaction the time it may take before the caller is answered. */
class SubmissionPublisherBoundsTest {

    @Test
    void aTransactionRunsAtMostTwoBlockingWaitsAndOneDeliveryTimeout() {
        assertThat(SubmissionPublisher.transactionBound(Map.of("max.block.ms", "1500", "delivery.timeout.ms", "3000")))
                .isEqualTo(Duration.ofSeconds(6));
        assertThat(SubmissionPublisher.transactionBound(Map.of()))
                .as("Kafka's defaults: 60 s and 120 s").isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void aSendMayWaitInLineOnlyForWhatIsLeftOfTheCallersWait() {
        assertThat(SubmissionPublisher.handOverWithin(Duration.ofSeconds(10), Duration.ofSeconds(6)))
                .isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> SubmissionPublisher.handOverWithin(Duration.ofSeconds(10), Duration.ofSeconds(9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("publish-timeout");
    }
}
