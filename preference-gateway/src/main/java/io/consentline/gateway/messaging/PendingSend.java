package io.consentline.gateway.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One submission waiting for {@link TransactionalSender}, and the one place that decides its fate: the sender takes
 * it into a transaction, or the caller abandons it, never both. A send abandoned or refused before it was taken is
 * never handed to Kafka; a taken one is answered by the sender alone, which knows whether its transaction committed.
 */
final class PendingSend {

    private enum State { WAITING, TAKEN, ABANDONED }

    private final ProducerRecord<String, String> record;
    private final long handOverByNanos;
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);

    /** @param handOverByNanos {@link System#nanoTime()} after which the sender must not take it any more */
    PendingSend(ProducerRecord<String, String> record, long handOverByNanos) {
        this.record = record;
        this.handOverByNanos = handOverByNanos;
    }

    ProducerRecord<String, String> record() {
        return record;
    }

    /** Completes when the transaction that carried it committed; fails when it certainly or possibly did not. */
    CompletableFuture<Void> outcome() {
        return outcome;
    }

    /**
     * The sender takes it for a transaction. False when the caller has abandoned it, or when its hand-over deadline
     * has passed: then it is refused here, once, as not sent.
     */
    boolean take(long nowNanos) {
        if (nowNanos - handOverByNanos > 0) {
            refuseIfWaiting("its hand-over deadline passed before the producer could take it");
            return false;
        }
        return state.compareAndSet(State.WAITING, State.TAKEN);
    }

    /** Refuses it as not sent, unless it was already taken or abandoned. */
    boolean refuseIfWaiting(String why) {
        if (state.compareAndSet(State.WAITING, State.ABANDONED)) {
            outcome.completeExceptionally(new SubmissionNotSentException(why));
            return true;
        }
        return false;
    }

    boolean isOverdue(long nowNanos) {
        return nowNanos - handOverByNanos > 0;
    }

    /** The caller stops waiting. True when it had not been taken: it will never be sent. */
    boolean abandon() {
        return state.compareAndSet(State.WAITING, State.ABANDONED);
    }
}
