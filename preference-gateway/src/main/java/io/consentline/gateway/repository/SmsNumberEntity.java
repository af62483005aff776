package io.consentline.gateway.repository;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code sms_number}: a provider number (E.164) whose inbound messages belong to a tenant. */
@Entity
@Table(name = "sms_number")
public class SmsNumberEntity {

    @Id
    public String number;

    @Column(nullable = false, updatable = false)
    public String tenant;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    public static SmsNumberEntity of(String number, String tenant, Instant createdAt) {
        SmsNumberEntity entity = new SmsNumberEntity();
        entity.number = number;
        entity.tenant = tenant;
        entity.createdAt = createdAt;
        return entity;
    }
}
