package io.consentline.consent.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.events.IdentifierType;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Subjects and the keyed hashes of their identifiers. Runs inside the caller's transaction. */
@ApplicationScoped
public class SubjectRepository {

    public Uni<UUID> findByIdentifier(String tenant, String identifierHash) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select subject_id from subject_identifier where tenant = :tenant and identifier_hash = :hash",
                UUID.class)
                .setParameter("tenant", tenant)
                .setParameter("hash", identifierHash)
                .getSingleResultOrNull());
    }

    /** Points the identifier at the subject, unless it already points somewhere. True if linked now. */
    public Uni<Boolean> link(String tenant, String identifierHash, IdentifierType type, UUID subjectId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                insert into subject_identifier (tenant, identifier_hash, identifier_type, subject_id)
                values (:tenant, :hash, :type, :id) on conflict do nothing""")
                .setParameter("tenant", tenant)
                .setParameter("hash", identifierHash)
                .setParameter("type", type.wireName())
                .setParameter("id", subjectId)
                .executeUpdate())
                .map(inserted -> inserted == 1);
    }

    /** A new subject with no identifiers yet. */
    public Uni<UUID> create(String tenant, Instant now) {
        UUID id = UUID.randomUUID();
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "insert into subject (id, tenant, created_at) values (:id, :tenant, :now)")
                .setParameter("id", id)
                .setParameter("tenant", tenant)
                .setParameter("now", now)
                .executeUpdate())
                .replaceWith(id);
    }

    /** The identifier types linked to the subject (the values are not stored, only their keyed hashes). */
    public Uni<java.util.List<String>> identifierTypesOf(String tenant, UUID subjectId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "select identifier_type from subject_identifier where tenant = :tenant and subject_id = :id order by 1",
                String.class)
                .setParameter("tenant", tenant)
                .setParameter("id", subjectId)
                .getResultList());
    }
}
