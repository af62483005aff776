package io.consentline.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventIds;
import io.consentline.gateway.domain.choice.AcceptedChoice;
import io.consentline.gateway.domain.choice.BannerChoice;
import io.consentline.gateway.domain.choice.ChoiceRules;
import io.consentline.gateway.domain.choice.OriginNotAllowedException;
import io.consentline.gateway.domain.choice.Receipt;
import io.consentline.gateway.domain.choice.UnknownSiteException;
import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.domain.site.SiteIds;
import io.consentline.gateway.messaging.SubmissionPublisher;
import io.consentline.gateway.signing.ReceiptSigner;
import io.consentline.kit.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * Records a visitor's banner choice: checks it against the site, publishes it, and answers a signed receipt only
 * once the broker has acknowledged it. Nothing is written to the gateway's database on this path; if the broker
 * does not take the event, the visitor gets 503 and nothing is claimed.
 */
@ApplicationScoped
public class ChoiceService {

    private final SiteReader sites;
    private final SubmissionPublisher publisher;
    private final ReceiptSigner signer;
    private final RateLimits rateLimits;
    private final Clock clock = Clock.systemUTC();

    ChoiceService(SiteReader sites, SubmissionPublisher publisher, ReceiptSigner signer, RateLimits rateLimits) {
        this.sites = sites;
        this.publisher = publisher;
        this.signer = signer;
        this.rateLimits = rateLimits;
    }

    /** What the visitor's browser said besides the choice itself. */
    public record Client(String ip, String userAgent, String origin, boolean globalPrivacyControl) {
    }

    /** A receipt and its signature (compact JWS over {@link Receipt#claims()}). */
    public record SignedReceipt(Receipt receipt, String signature) {
    }

    public Uni<SignedReceipt> submit(BannerChoice choice, Client client) {
        if (!SiteIds.isValid(choice.siteId())) {
            return Uni.createFrom().failure(new UnknownSiteException());
        }
        return Uni.createFrom().voidItem()
                .invoke(() -> rateLimits.acquire(client.ip(), "site:" + choice.siteId()))
                .chain(() -> sites.find(choice.siteId()))
                .map(site -> accept(site, choice, client))
                .chain(accepted -> publish(accepted, client));
    }

    private static AcceptedChoice accept(Site site, BannerChoice choice, Client client) {
        if (!site.allowsOrigin(client.origin())) {
            throw new OriginNotAllowedException();
        }
        return ChoiceRules.accept(site, choice, client.globalPrivacyControl());
    }

    private Uni<SignedReceipt> publish(AcceptedChoice accepted, Client client) {
        String receiptId = EventIds.next();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        CloudEvent<ConsentSubmission> event = accepted.toSubmission(receiptId, client.ip(), client.userAgent(), now);
        return publisher.publish(event)
                .onFailure().transform(e -> ProblemException.unavailable(
                        "The choice could not be confirmed; no receipt was given. Please try again."))
                .map(ignored -> {
                    Receipt receipt = accepted.receipt(receiptId, now);
                    return new SignedReceipt(receipt, signer.sign(receipt.claims()));
                });
    }
}
