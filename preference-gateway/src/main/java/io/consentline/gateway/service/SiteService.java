package io.consentline.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.gateway.config.GatewayConfig;
import io.consentline.gateway.domain.site.InvalidSiteException;
import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.domain.site.SiteDefinition;
import io.consentline.gateway.domain.site.SiteDraft;
import io.consentline.gateway.domain.site.SiteIdTakenException;
import io.consentline.gateway.domain.site.SiteIds;
import io.consentline.gateway.domain.site.SiteNotFoundException;
import io.consentline.gateway.repository.SiteEntity;
import io.consentline.gateway.repository.SiteRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;

/** An admin's sites: create, read and revise, always within the caller's tenant. */
@ApplicationScoped
public class SiteService {

    private static final String UNIQUE_VIOLATION = "23505";

    private final SiteRepository sites;
    private final GatewayConfig config;
    private final Clock clock = Clock.systemUTC();

    private final Cache cachedSites;

    SiteService(SiteRepository sites, GatewayConfig config, @CacheName(SiteReader.CACHE) Cache cachedSites) {
        this.sites = sites;
        this.config = config;
        this.cachedSites = cachedSites;
    }

    /** Creates a site under the requested id, or a generated one when none is requested. */
    @WithTransaction
    public Uni<Site> create(String tenant, String requestedId, SiteDraft draft) {
        String id = requestedId == null ? SiteIds.generate() : checkedId(requestedId);
        Site site = Site.create(id, tenant, definitionOf(draft), now());
        return sites.findById(id)
                .chain(existing -> {
                    if (existing != null) {
                        throw new SiteIdTakenException();
                    }
                    return sites.persistAndFlush(SiteEntity.of(site));
                })
                .onFailure(SiteService::isUniqueViolation).transform(e -> new SiteIdTakenException())
                .map(SiteEntity::toSite);
    }

    @WithSession
    public Uni<Site> get(String tenant, String id) {
        return sites.findOwned(tenant, id).map(SiteService::found).map(SiteEntity::toSite);
    }

    /** Replaces the site's definition; see {@link Site#revise} for when a new policy version is needed. */
    @WithTransaction
    public Uni<Site> revise(String tenant, String id, String idInBody, SiteDraft draft) {
        if (idInBody != null && !idInBody.equals(id)) {
            throw new InvalidSiteException("id", "id in the body differs from the site addressed; ids cannot change");
        }
        SiteDefinition revised = definitionOf(draft);
        return sites.findOwned(tenant, id).map(SiteService::found).map(entity -> {
            Site site = entity.toSite().revise(revised, now());
            entity.apply(site);
            return site;
        }).call(site -> cachedSites.invalidate(id));
    }

    private SiteDefinition definitionOf(SiteDraft draft) {
        return draft.validate(config.sites().defaultConsentLifetimeDays());
    }

    private static String checkedId(String id) {
        if (!SiteIds.isValid(id)) {
            throw new InvalidSiteException("id", "id is 3 to 64 characters of a-z, 0-9, _ and -, starting with a letter or digit");
        }
        return id;
    }

    private static SiteEntity found(SiteEntity entity) {
        if (entity == null) {
            throw new SiteNotFoundException();
        }
        return entity;
    }

    /** Microseconds: what PostgreSQL keeps, so an answer and a later read agree. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
