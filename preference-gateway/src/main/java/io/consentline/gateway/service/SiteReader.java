package io.consentline.gateway.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.gateway.domain.choice.UnknownSiteException;
import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.domain.site.SiteIds;
import io.consentline.gateway.repository.SiteRepository;
import io.consentline.kit.logging.FailureText;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;

/**
 * Sites as the public endpoints read them: by id, in a session of their own (closed before Kafka is involved);
 * an unknown id is 400 {@code siteId}, an unreadable database 503.
 */
@ApplicationScoped
public class SiteReader {

    private static final Logger LOG = Logger.getLogger(SiteReader.class);

    private final SiteRepository sites;

    SiteReader(SiteRepository sites) {
        this.sites = sites;
    }

    /** Sites are read by every choice: cached per instance for a few seconds (see application.properties). */
    static final String CACHE = "site";

    @CacheResult(cacheName = CACHE)
    public Uni<Site> find(String siteId) {
        if (!SiteIds.isValid(siteId)) {
            return Uni.createFrom().failure(new UnknownSiteException());
        }
        return Panache.withSession(() -> sites.findById(siteId))
                .onFailure().transform(e -> {
                    LOG.warnf("site configuration unavailable (%s): answering 503", FailureText.of(e));
                    return ProblemException.unavailable("Site configuration is unavailable; nothing was recorded");
                })
                .map(entity -> {
                    if (entity == null) {
                        throw new UnknownSiteException();
                    }
                    return entity.toSite();
                });
    }

    /** Whether any site allows browser pages of this origin (CORS preflights name no site). */
    public Uni<Boolean> anySiteAllows(String origin) {
        return Panache.withSession(() -> sites.anyAllows(origin));
    }
}
