package io.consentline.gateway.repository;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.gateway.domain.site.SiteIds;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

/** Sites by id. Runs in the caller's session or transaction. */
@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<SiteEntity, String> {

    /** The tenant's site with this id; null when there is none (or it is another tenant's). */
    public Uni<SiteEntity> findOwned(String tenant, String id) {
        if (!SiteIds.isValid(id)) {
            // no site has such an id (and text with NUL cannot even be compared in PostgreSQL): not found
            return Uni.createFrom().nullItem();
        }
        return find("id = ?1 and tenant = ?2", id, tenant).firstResult();
    }

    /** Whether any site lists this origin among its allowed origins. */
    public Uni<Boolean> anyAllows(String origin) {
        return getSession().chain(session -> session
                .createNativeQuery("select count(*) from site where :origin = any(allowed_origins)", Long.class)
                .setParameter("origin", origin)
                .getSingleResult())
                .map(count -> count > 0);
    }
}
