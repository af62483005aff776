package io.consentline.gateway.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.consentline.gateway.domain.otp.OtpChallenge;

/** A row of {@code otp_challenge}: the stored form of an {@link OtpChallenge} (hashes only). */
@Entity
@Table(name = "otp_challenge")
public class OtpChallengeEntity {

    @Id
    public UUID id;

    @Column(nullable = false, updatable = false)
    public String tenant;

    @Column(name = "site_id", nullable = false, updatable = false)
    public String siteId;

    @Column(nullable = false, updatable = false)
    public String purpose;

    @Column(name = "phone_hash", nullable = false, updatable = false)
    public String phoneHash;

    @Column(name = "code_hash", nullable = false, updatable = false)
    public String codeHash;

    @Column(updatable = false)
    public String language;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false, updatable = false)
    public Instant expiresAt;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "verified_at")
    public Instant verifiedAt;

    public static OtpChallengeEntity of(OtpChallenge c) {
        OtpChallengeEntity entity = new OtpChallengeEntity();
        entity.id = UUID.fromString(c.id());
        entity.tenant = c.tenant();
        entity.siteId = c.siteId();
        entity.purpose = c.purpose();
        entity.phoneHash = c.phoneHash();
        entity.codeHash = c.codeHash();
        entity.language = c.language();
        entity.createdAt = c.createdAt();
        entity.expiresAt = c.expiresAt();
        entity.apply(c);
        return entity;
    }

    /** Copies what an attempt changes. */
    public void apply(OtpChallenge c) {
        attempts = c.attempts();
        verifiedAt = c.verifiedAt();
    }

    public OtpChallenge toChallenge() {
        return new OtpChallenge(id.toString(), tenant, siteId, purpose, phoneHash, codeHash, language, createdAt,
                expiresAt, attempts, verifiedAt);
    }
}
