package io.consentline.gateway.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.gateway.config.GatewayConfig;
import io.consentline.gateway.repository.OtpChallengeRepository;
import io.consentline.kit.logging.FailureText;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Deletes one-time-code challenges once they have been expired for the retention period: they hold only keyed
 * hashes, but nothing is kept longer than it is needed (GDPR Art. 5(1)(e), storage limitation).
 */
@ApplicationScoped
public class OtpHousekeeping {

    private static final Logger LOG = Logger.getLogger(OtpHousekeeping.class);

    private final OtpChallengeRepository challenges;
    private final GatewayConfig config;

    OtpHousekeeping(OtpChallengeRepository challenges, GatewayConfig config) {
        this.challenges = challenges;
        this.config = config;
    }

    @Scheduled(every = "${consentline.gateway.otp.purge-interval:1h}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return purgeExpiredBefore(Instant.now().minus(config.otp().retention()))
                .invoke(deleted -> {
                    if (deleted > 0) {
                        LOG.infof("deleted %d expired one-time-code challenges", deleted);
                    }
                })
                .onFailure().invoke(e -> LOG.warnf("OTP housekeeping failed (%s); the next run retries",
                        FailureText.of(e)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Deletes the challenges that expired before the instant; answers how many. */
    public Uni<Long> purgeExpiredBefore(Instant cutoff) {
        return Panache.withTransaction(() -> challenges.delete("expiresAt < ?1", cutoff));
    }
}
