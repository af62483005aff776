package io.consentline.gateway.repository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** One-time-code challenges. Runs in the caller's transaction. */
@ApplicationScoped
public class OtpChallengeRepository implements PanacheRepositoryBase<OtpChallengeEntity, UUID> {

    /** The challenge, locked until the transaction ends: two attempts at once are counted one after the other. */
    public Uni<OtpChallengeEntity> findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** When codes were sent to the number on the site since {@code since} (serves otp_challenge_by_phone). */
    public Uni<List<Instant>> startsSince(String phoneHash, String siteId, Instant since) {
        return list("phoneHash = ?1 and siteId = ?2 and createdAt > ?3", phoneHash, siteId, since)
                .map(rows -> rows.stream().map(row -> row.createdAt).toList());
    }
}
