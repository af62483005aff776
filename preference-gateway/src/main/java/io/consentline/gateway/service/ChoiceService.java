package io.consentline.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.gateway.domain.choice.AcceptedChoice;
import io.consentline.gateway.domain.choice.BannerChoice;
import io.consentline.gateway.domain.choice.ChoiceRules;
import io.consentline.gateway.domain.choice.Receipt;
import io.consentline.gateway.domain.choice.UnknownSiteException;
import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.domain.site.SiteIds;
import io.consentline.gateway.messaging.SubmissionPublisher;
import io.consentline.gateway.repository.SiteRepository;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Records a visitor's banner choice: checks it against the site, publishes it, and answers a receipt only once
 * the broker has acknowledged it. Nothing is written to the gateway's database on this path; if the broker does
 * not take the event, the visitor gets 503 and nothing is claimed.
 */
@ApplicationScoped
public class ChoiceService {

    private static final Logger LOG = Logger.getLogger(ChoiceService.class);

    private final SiteRepository sites;
    private final SubmissionPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    ChoiceService(SiteRepository sites, SubmissionPublisher publisher) {
        this.sites = sites;
        this.publisher = publisher;
    }

    /**
     * @param clientIp the visitor's address as the HTTP layer sees it (evidence)
     * @param userAgent the visitor's User-Agent header (evidence), may be null
     */
    public Uni<Receipt> submit(BannerChoice choice, String clientIp, String userAgent) {
        if (!SiteIds.isValid(choice.siteId())) {
            return Uni.createFrom().failure(new UnknownSiteException());
        }
        return site(choice.siteId())
                .map(site -> ChoiceRules.accept(site, choice))
                .chain(accepted -> publish(accepted, clientIp, userAgent));
    }

    /** The site, read in a session of its own: the session is closed before Kafka is involved. */
    private Uni<Site> site(String siteId) {
        return Panache.withSession(() -> sites.findById(siteId))
                .onFailure().transform(e -> {
                    LOG.warnf("site configuration unavailable (%s): answering 503", e.getClass().getSimpleName());
                    return ProblemException.unavailable("Site configuration is unavailable; nothing was recorded");
                })
                .map(entity -> {
                    if (entity == null) {
                        throw new UnknownSiteException();
                    }
                    return entity.toSite();
                });
    }

    private Uni<Receipt> publish(AcceptedChoice accepted, String clientIp, String userAgent) {
        String receiptId = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CloudEvent<ConsentSubmission> event = accepted.toSubmission(receiptId, clientIp, userAgent, now);
        return publisher.publish(event)
                .onFailure().transform(e -> {
                    LOG.warnf("submission %s not acknowledged by Kafka (%s): answering 503", receiptId,
                            e.getClass().getSimpleName());
                    return ProblemException.unavailable("The choice could not be recorded; nothing was accepted. "
                            + "Please try again.");
                })
                .replaceWith(() -> accepted.receipt(receiptId, now));
    }
}
