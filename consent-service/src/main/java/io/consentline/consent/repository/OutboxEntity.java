package io.consentline.consent.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A message to publish, written in the same transaction as the change it announces. */
@Entity
@Table(name = "outbox")
public class OutboxEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, updatable = false)
    public String topic;

    @Column(name = "message_key", nullable = false, updatable = false)
    public String messageKey;

    @Column(nullable = false, updatable = false)
    public String payload;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    public static OutboxEntity of(String topic, String key, String payload, Instant now) {
        OutboxEntity row = new OutboxEntity();
        row.topic = topic;
        row.messageKey = key;
        row.payload = payload;
        row.createdAt = now;
        return row;
    }
}
