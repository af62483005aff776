package io.consentline.audit.service;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.audit.domain.checkpoint.Checkpoint;
import io.consentline.audit.domain.checkpoint.CheckpointKeys;
import io.consentline.audit.messaging.CheckpointPublisher;
import io.consentline.audit.repository.ChainRepository;
import io.consentline.audit.repository.ChainRepository.Head;
import io.consentline.audit.repository.CheckpointRepository;
import io.consentline.audit.repository.CheckpointRepository.Stored;
import io.consentline.kit.logging.FailureText;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Signs the heads of the chains that grew since their last checkpoint, stores the checkpoints and publishes them
 * on {@code audit.checkpoints.v1}, so that copies exist outside the database: whoever holds one can prove later
 * that the log was not rewritten behind it. Publication works like an outbox: a checkpoint is stored first, and
 * it counts as published only once Kafka acknowledged it; one that could not be published (Kafka down) is
 * published by a later sweep, oldest first.
 */
@ApplicationScoped
public class CheckpointService {

    private static final Logger LOG = Logger.getLogger(CheckpointService.class);
    /** Checkpoints published per sweep at most; the next sweep goes on. */
    static final int SWEEP = 100;
    /** A send that Kafka does not acknowledge within this is left to the next sweep. */
    static final Duration SEND_PATIENCE = Duration.ofSeconds(15);

    private final ChainRepository chains;
    private final CheckpointRepository checkpoints;
    private final CheckpointKeys keys;
    private final CheckpointPublisher publisher;
    /** Every checkpoint up to this id is known to be published (per process; 0 rescans from the start). */
    private volatile long publishedUpTo;

    CheckpointService(ChainRepository chains, CheckpointRepository checkpoints, CheckpointKeys keys,
            CheckpointPublisher publisher) {
        this.chains = chains;
        this.checkpoints = checkpoints;
        this.keys = keys;
        this.publisher = publisher;
    }

    @Scheduled(every = "${consentline.audit.checkpoint.interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return checkpointAll().onFailure().invoke(e -> LOG.warnf("checkpointing failed (%s); next time",
                FailureText.of(e))).onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${consentline.audit.checkpoint.publish-retry:10s}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onRetrySchedule() {
        return publishPending().onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Checkpoints every chain that grew, then publishes what is pending; answers how many checkpoints were made. */
    public Uni<Integer> checkpointAll() {
        return chains.headsPastTheirCheckpoint().chain(heads -> Multi.createFrom().iterable(heads.entrySet())
                .onItem().transformToUniAndConcatenate(this::checkpoint)
                .collect().asList().map(made -> made.stream().mapToInt(b -> b ? 1 : 0).sum()))
                .call(made -> publishPending());
    }

    /**
     * Publishes stored checkpoints that are not on Kafka yet, oldest first, stopping at the first that Kafka does
     * not take; answers how many were published. Never fails: what is left waits for the next sweep.
     */
    public Uni<Integer> publishPending() {
        return checkpoints.unpublished(publishedUpTo, SWEEP).chain(this::publishInOrder)
                .onFailure().invoke(e -> LOG.warnf("checkpoints not published (%s); retrying in the next sweep",
                        FailureText.of(e)))
                .onFailure().recoverWithItem(0);
    }

    private Uni<Integer> publishInOrder(List<Stored> pending) {
        Uni<Integer> done = Uni.createFrom().item(0);
        for (Stored stored : pending) {
            done = done.chain(count -> publisher.publish(stored.checkpoint())
                    .ifNoItem().after(SEND_PATIENCE).fail()
                    .chain(() -> checkpoints.published(stored.id()))
                    .invoke(() -> publishedUpTo = Math.max(publishedUpTo, stored.id()))
                    .replaceWith(count + 1));
        }
        return done;
    }

    private Uni<Boolean> checkpoint(Map.Entry<String, Head> head) {
        Checkpoint checkpoint = keys.signer().sign(head.getKey(), head.getValue().seq(), head.getValue().hash(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return checkpoints.insert(checkpoint);
    }

    public Uni<Checkpoint> latest(String tenant) {
        return checkpoints.latest(tenant);
    }
}
