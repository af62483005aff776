package io.consentline.consent.repository;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** Which of the tenant's active suppression lists hold a number, for a purpose. */
@ApplicationScoped
public class SuppressionRepository {

    public Uni<List<String>> listsHolding(String tenant, byte[] numberHash, String purpose) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                select l.name from suppression_list l
                join suppression_entry e on e.import_id = l.active_import_id and e.number_hash = :hash
                where l.tenant = :tenant and (l.purposes is null or :purpose = any(l.purposes))
                order by l.name""", String.class)
                .setParameter("tenant", tenant)
                .setParameter("hash", numberHash)
                .setParameter("purpose", purpose)
                .getResultList());
    }
}
