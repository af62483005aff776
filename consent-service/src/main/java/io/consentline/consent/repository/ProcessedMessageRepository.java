package io.consentline.consent.repository;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Remembers applied event ids, so that a redelivered event changes nothing. */
@ApplicationScoped
public class ProcessedMessageRepository {

    /** Claims the id in the current transaction: true the first time, false when it was applied before. */
    public Uni<Boolean> claim(String messageId, Instant now) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into processed_message (message_id, processed_at) values (:id, :now) on conflict do nothing")
                .setParameter("id", messageId)
                .setParameter("now", now)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }
}
