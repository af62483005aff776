package io.consentline.consent.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.Evidence;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One consent decision as recorded, never updated: the history the current state is derived from. */
@Entity
@Table(name = "consent_record")
public class ConsentRecordEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(updatable = false, nullable = false)
    public String tenant;

    @Column(name = "subject_id", updatable = false, nullable = false)
    public UUID subjectId;

    @Column(updatable = false, nullable = false)
    public String purpose;

    /** Wire name of the channel ({@code voice}, {@code sms}, ...). */
    @Column(updatable = false, nullable = false)
    public String channel;

    @Enumerated(EnumType.STRING)
    @Column(updatable = false, nullable = false)
    public ConsentStatus status;

    @Column(updatable = false, nullable = false)
    public String source;

    @Column(name = "policy_version", updatable = false)
    public String policyVersion;

    @Column(name = "policy_text_hash", updatable = false)
    public String policyTextHash;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    public Evidence evidence;

    @Column(name = "recorded_at", updatable = false, nullable = false)
    public Instant recordedAt;

    @Column(name = "expires_at", updatable = false)
    public Instant expiresAt;

    @Column(name = "causation_id", updatable = false, nullable = false)
    public String causationId;

    public static String sourceName(ConsentSource source) {
        return source.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
