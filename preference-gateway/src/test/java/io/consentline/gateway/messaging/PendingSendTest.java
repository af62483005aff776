package io.consentline.gateway.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** A pending send is either taken by the sender or given up by its caller, never both. */
class PendingSendTest {

    private static PendingSend dueAt(long nanos) {
        return new PendingSend(new ProducerRecord<>("t", "k", "v"), nanos);
    }

    @Test
    void aTakenSendCannotBeAbandonedAndItsOutcomeIsTheSendersToGive() {
        PendingSend send = dueAt(1_000);
        assertThat(send.take(999)).isTrue();
        assertThat(send.abandon()).as("abandoned after it was taken").isFalse();
        assertThat(send.refuseIfWaiting("late")).isFalse();
        assertThat(send.outcome()).isNotDone();
    }

    @Test
    void anAbandonedSendIsNeverTaken() {
        PendingSend send = dueAt(1_000);
        assertThat(send.abandon()).isTrue();
        assertThat(send.take(0)).as("taken after the caller gave up").isFalse();
    }

    @Test
    void aSendPastItsHandOverDeadlineIsRefusedAsNotSent() {
        PendingSend send = dueAt(1_000);
        assertThat(send.isOverdue(1_000)).isFalse();
        assertThat(send.isOverdue(1_001)).isTrue();
        assertThat(send.take(1_001)).isFalse();
        assertThat(send.outcome()).isCompletedExceptionally();
        assertThatThrownBy(() -> send.outcome().join()).hasCauseInstanceOf(SubmissionNotSentException.class);
        assertThat(send.abandon()).isFalse();
    }

    @Test
    void deadlinesCompareSafelyAcrossTheNanoClocksWrap() {
        PendingSend send = dueAt(Long.MAX_VALUE);
        assertThat(send.isOverdue(Long.MAX_VALUE - 5)).isFalse();
        assertThat(send.isOverdue(Long.MIN_VALUE + 5)).as("just after the wrap").isTrue();
    }
}
