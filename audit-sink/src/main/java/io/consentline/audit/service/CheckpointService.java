package io.consentline.audit.service;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.audit.domain.checkpoint.Checkpoint;
import io.consentline.audit.domain.checkpoint.CheckpointSigner;
import io.consentline.audit.messaging.CheckpointPublisher;
import io.consentline.audit.repository.ChainRepository;
import io.consentline.audit.repository.ChainRepository.Head;
import io.consentline.audit.repository.CheckpointRepository;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Signs the heads of the chains that grew since their last checkpoint, stores the checkpoints and publishes them
 * on {@code audit.checkpoints.v1}, so that copies exist outside the database: whoever holds one can prove later
 * that the log was not rewritten behind it.
 */
@ApplicationScoped
public class CheckpointService {

    private static final Logger LOG = Logger.getLogger(CheckpointService.class);

    private final ChainRepository chains;
    private final CheckpointRepository checkpoints;
    private final CheckpointSigner signer;
    private final CheckpointPublisher publisher;

    CheckpointService(ChainRepository chains, CheckpointRepository checkpoints, CheckpointSigner signer,
            CheckpointPublisher publisher) {
        this.chains = chains;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.publisher = publisher;
    }

    @Scheduled(every = "${consentline.audit.checkpoint.interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> onSchedule() {
        return checkpointAll().onFailure().invoke(e -> LOG.warnf("checkpointing failed (%s); next time",
                e.getClass().getSimpleName())).onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Checkpoints every chain that grew; answers how many checkpoints were made. */
    public Uni<Integer> checkpointAll() {
        return chains.headsPastTheirCheckpoint().chain(heads -> Multi.createFrom().iterable(heads.entrySet())
                .onItem().transformToUniAndConcatenate(this::checkpoint)
                .collect().asList().map(made -> made.stream().mapToInt(b -> b ? 1 : 0).sum()));
    }

    private Uni<Boolean> checkpoint(Map.Entry<String, Head> head) {
        Checkpoint checkpoint = signer.sign(head.getKey(), head.getValue().seq(), head.getValue().hash(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        return checkpoints.insert(checkpoint).call(stored -> stored ? publisher.publish(checkpoint)
                : Uni.createFrom().voidItem());
    }

    public Uni<Checkpoint> latest(String tenant) {
        return checkpoints.latest(tenant);
    }
}
