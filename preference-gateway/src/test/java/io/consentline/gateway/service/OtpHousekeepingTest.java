package io.consentline.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.consentline.gateway.repository.OtpChallengeEntity;
import io.consentline.gateway.repository.OtpChallengeRepository;
import io.consentline.gateway.rest.SitesForTests;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
class OtpHousekeepingTest {

    @Inject
    OtpHousekeeping housekeeping;

    @Inject
    OtpChallengeRepository challenges;

    private UUID challenge(String siteId, Instant expiresAt) throws Throwable {
        OtpChallengeEntity row = new OtpChallengeEntity();
        row.id = UUID.randomUUID();
        row.tenant = "acme";
        row.siteId = siteId;
        row.purpose = "marketing";
        row.phoneHash = "ab".repeat(32);
        row.codeHash = "cd".repeat(32);
        row.createdAt = expiresAt.minus(Duration.ofMinutes(10));
        row.expiresAt = expiresAt;
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> challenges.persist(row)));
        return row.id;
    }

    private boolean exists(UUID id) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> challenges.findById(id))) != null;
    }

    @Test
    void challengesExpiredLongerThanTheRetentionAreDeletedAndTheOthersKept() throws Throwable {
        String site = SitesForTests.create("acme");
        Instant now = Instant.now();
        UUID old = challenge(site, now.minus(Duration.ofDays(2)));
        UUID recent = challenge(site, now.minus(Duration.ofMinutes(30)));
        UUID live = challenge(site, now.plus(Duration.ofMinutes(5)));

        long deleted = VertxContextSupport.subscribeAndAwait(
                () -> housekeeping.purgeExpiredBefore(now.minus(Duration.ofHours(24))));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(exists(old)).isFalse();
        assertThat(exists(recent)).isTrue();
        assertThat(exists(live)).isTrue();
    }
}
