package io.consentline.gateway.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Hands submissions to Kafka in transactions, as many as are waiting in one (group commit), on a thread of its own.
 * <p>
 * Why transactions: a broker that stops can append records it never acknowledges (it works off its request queue
 * while its network is already closed). A plain producer then reports a failure, the caller is answered 503, and the
 * record is on the topic all the same. Here such records belong to a transaction that is aborted, never committed,
 * and the consumers read committed records only. The rule that makes a 503 true: the commit is sent only after every
 * record of the transaction was acknowledged; whatever fails before that is aborted (by this producer, by its
 * successor with the same {@code transactional.id}, or by the broker's transaction timeout), so it can never
 * become visible. Only a commit sent and not answered leaves the outcome unknown
 * ({@link SubmissionOutcomeUnknownException}).
 */
final class TransactionalSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TransactionalSender.class);
    private static final long POLL_MILLIS = 200;
    private static final long RETRY_PAUSE_MILLIS = 250;

    private final Supplier<Producer<String, String>> producers;
    private final int maxPerTransaction;
    private final BlockingQueue<PendingSend> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    /** Touched by the sender thread only. */
    private Producer<String, String> producer;
    private int failedStarts;

    /**
     * @param producers makes a new transactional producer (not yet initialised), always with the same
     *        {@code transactional.id}, so that a new one ends what an old one left open
     */
    TransactionalSender(Supplier<Producer<String, String>> producers, int maxPerTransaction) {
        this.producers = producers;
        this.maxPerTransaction = maxPerTransaction;
        this.thread = new Thread(this::run, "submission-sender");
        thread.setDaemon(true);
    }

    /** Starts sending; what was submitted before goes in the first transaction. */
    TransactionalSender start() {
        thread.start();
        return this;
    }

    /** Queues a send; the sender answers it through {@link PendingSend#outcome()}. */
    void submit(PendingSend send) {
        if (!running) {
            send.refuseIfWaiting("the gateway is stopping");
            return;
        }
        queue.add(send);
    }

    /** Sends what is still queued and within its deadline, then closes the producer. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            if (producer == null && !startProducer()) {
                refuseOverdue();
                pause();
                continue;
            }
            PendingSend first = poll();
            if (first == null) {
                continue;
            }
            List<PendingSend> waiting = new ArrayList<>();
            waiting.add(first);
            queue.drainTo(waiting, maxPerTransaction - 1);
            long now = System.nanoTime();
            List<PendingSend> batch = waiting.stream().filter(send -> send.take(now)).toList();
            if (!batch.isEmpty()) {
                sendInOneTransaction(batch);
            }
        }
        closeProducer();
    }

    /** A new producer, initialised: this also aborts a transaction its predecessor left open. */
    private boolean startProducer() {
        Producer<String, String> fresh = null;
        try {
            fresh = producers.get();
            fresh.initTransactions();
            producer = fresh;
            if (failedStarts > 0) {
                LOG.infof("transactional producer ready after %d failed attempts", failedStarts);
            }
            failedStarts = 0;
            return true;
        } catch (RuntimeException e) {
            if (fresh != null) {
                fresh.close(Duration.ZERO);
            }
            if (failedStarts++ == 0) {
                LOG.warnf("transactional producer not ready (%s); submissions are refused until it is", e.toString());
            }
            if (!running) {
                queue.forEach(send -> send.refuseIfWaiting("the gateway is stopping and Kafka is not reachable"));
                queue.clear();
            }
            return false;
        }
    }

    private void sendInOneTransaction(List<PendingSend> batch) {
        try {
            producer.beginTransaction();
            List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
            for (PendingSend send : batch) {
                acks.add(producer.send(send.record()));
            }
            producer.flush();
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (RuntimeException | ExecutionException | InterruptedException e) {
            // no commit was sent: the transaction can only end aborted, whatever the broker appended
            abort();
            fail(batch, new SubmissionNotSentException("not acknowledged by Kafka: " + rootOf(e)));
            return;
        }
        try {
            producer.commitTransaction();
        } catch (RuntimeException e) {
            if (abort()) {
                fail(batch, new SubmissionNotSentException("commit refused by Kafka: " + rootOf(e)));
            } else {
                LOG.warnf("the commit of a transaction of %d submissions was not answered (%s): it may have committed;"
                        + " the callers are answered 503", batch.size(), rootOf(e));
                fail(batch, new SubmissionOutcomeUnknownException("commit not answered", e));
            }
            return;
        }
        for (PendingSend send : batch) {
            send.outcome().complete(null);
        }
    }

    /** Aborts the open transaction. False when that failed: the producer is closed and a new one will end it. */
    private boolean abort() {
        try {
            producer.abortTransaction();
            return true;
        } catch (RuntimeException e) {
            closeProducer();
            return false;
        }
    }

    private static void fail(List<PendingSend> batch, RuntimeException why) {
        for (PendingSend send : batch) {
            send.outcome().completeExceptionally(why);
        }
    }

    private void refuseOverdue() {
        long now = System.nanoTime();
        queue.removeIf(send -> {
            if (!send.isOverdue(now)) {
                return false;
            }
            send.refuseIfWaiting("its hand-over deadline passed while Kafka was not reachable");
            return true;
        });
    }

    private PendingSend poll() {
        try {
            return queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            running = false;
            return null;
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    private void closeProducer() {
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debugf("closing the producer: %s", e);
            }
            producer = null;
        }
    }

    private static String rootOf(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName();
    }
}
