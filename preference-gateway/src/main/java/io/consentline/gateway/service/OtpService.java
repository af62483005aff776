package io.consentline.gateway.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.gateway.config.GatewayConfig;
import io.consentline.gateway.domain.LanguageTags;
import io.consentline.gateway.domain.choice.OriginNotAllowedException;
import io.consentline.gateway.domain.otp.CodeHasher;
import io.consentline.gateway.domain.otp.CodeNotAcceptedException;
import io.consentline.gateway.domain.otp.OtpChallenge;
import io.consentline.gateway.domain.otp.OtpChallenge.Outcome;
import io.consentline.gateway.domain.otp.OtpCodes;
import io.consentline.gateway.domain.otp.PurposeNotOfferedException;
import io.consentline.gateway.domain.otp.ResendThrottle;
import io.consentline.gateway.domain.otp.SmsOptIn;
import io.consentline.gateway.domain.phone.InvalidPhoneNumberException;
import io.consentline.gateway.domain.phone.PhoneNumbers;
import io.consentline.gateway.domain.ratelimit.RateLimitedException;
import io.consentline.gateway.domain.site.Site;
import io.consentline.gateway.messaging.SmsSender;
import io.consentline.gateway.messaging.SubmissionPublisher;
import io.consentline.gateway.repository.OtpChallengeEntity;
import io.consentline.gateway.repository.OtpChallengeRepository;
import io.consentline.gateway.signing.ReceiptSigner;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.logging.FailureText;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * SMS double opt-in: a code is sent to the number, and the opt-in is recorded only when the same number proves
 * it received it. Answers never depend on whether a number is known.
 */
@ApplicationScoped
public class OtpService {

    private static final Logger LOG = Logger.getLogger(OtpService.class);

    private final SiteReader sites;
    private final OtpChallengeRepository challenges;
    private final IdentifierHasher hasher;
    private final CodeHasher codeHasher;
    private final SmsSender sender;
    private final SubmissionPublisher publisher;
    private final ReceiptSigner signer;
    private final RateLimits rateLimits;
    private final GatewayConfig.Otp config;
    private final ResendThrottle throttle;
    private final Clock clock = Clock.systemUTC();

    OtpService(SiteReader sites, OtpChallengeRepository challenges, IdentifierHasher hasher, CodeHasher codeHasher,
            SmsSender sender, SubmissionPublisher publisher, ReceiptSigner signer, RateLimits rateLimits,
            GatewayConfig config) {
        this.sites = sites;
        this.challenges = challenges;
        this.hasher = hasher;
        this.codeHasher = codeHasher;
        this.sender = sender;
        this.publisher = publisher;
        this.signer = signer;
        this.rateLimits = rateLimits;
        this.config = config.otp();
        this.throttle = new ResendThrottle(config.otp().resendInterval(), config.otp().maxPerHour());
    }

    /** A request for a code, as sent. */
    public record Start(String siteId, String phone, String purpose, String language) {
    }

    /** A code was sent: the id to verify it under, and until when. */
    public record Started(String challengeId, Instant expiresAt) {
    }

    /** A verified opt-in and the signature of its receipt. */
    public record Verified(SmsOptIn optIn, String signature) {
    }

    public Uni<Started> start(Start request, String clientIp, String origin) {
        return Uni.createFrom().voidItem()
                .invoke(() -> rateLimits.acquire(clientIp, "otp:" + request.siteId()))
                .chain(() -> sites.find(request.siteId()))
                .chain(site -> {
                    checkStart(site, request, origin);
                    String e164 = PhoneNumbers.toE164(request.phone())
                            .orElseThrow(() -> new InvalidPhoneNumberException("phone"));
                    return create(site, request, e164).chain(created -> send(site, e164, created));
                });
    }

    private static void checkStart(Site site, Start request, String origin) {
        if (!site.allowsOrigin(origin)) {
            throw new OriginNotAllowedException();
        }
        if (request.purpose() == null || !site.definition().smsPurposes().contains(request.purpose())) {
            throw new PurposeNotOfferedException();
        }
        if (request.language() != null && !LanguageTags.isValid(request.language())) {
            throw ProblemException.invalidField("language", "language is a short BCP 47 tag such as en or de-CH");
        }
    }

    private record Created(OtpChallenge challenge, String code) {
    }

    private Uni<Created> create(Site site, Start request, String e164) {
        Instant now = now();
        String phoneHash = hasher.hash(site.tenant(), new Identifier(IdentifierType.PHONE, e164));
        return Panache.withTransaction(() -> challenges.startsSince(phoneHash, site.id(), now.minus(Duration.ofHours(1)))
                .chain(recent -> {
                    throttle.waitBeforeNext(recent, now).ifPresent(wait -> {
                        throw new RateLimitedException(wait);
                    });
                    String id = UUID.randomUUID().toString();
                    String code = OtpCodes.generate(config.codeLength());
                    OtpChallenge challenge = new OtpChallenge(id, site.tenant(), site.id(), request.purpose(), phoneHash,
                            codeHasher.hash(id, code), request.language(), now, now.plus(config.ttl()), 0, null);
                    return challenges.persist(OtpChallengeEntity.of(challenge)).replaceWith(new Created(challenge, code));
                }));
    }

    private Uni<Started> send(Site site, String e164, Created created) {
        String text = created.code() + " is your " + site.definition().name() + " code to receive messages. It expires in "
                + config.ttl().toMinutes() + " minutes. Reply STOP to opt out.";
        return sender.send(e164, text)
                .onFailure().transform(e -> {
                    LOG.warnf("code for challenge %s not sent to %s (%s)", created.challenge().id(),
                            new Identifier(IdentifierType.PHONE, e164).masked(), FailureText.of(e));
                    return ProblemException.unavailable("The code could not be sent; please try again");
                })
                .replaceWith(new Started(created.challenge().id(), created.challenge().expiresAt()));
    }

    /**
     * Checks the code and records the opt-in (after the broker acknowledged it). Every failure is the same
     * {@link CodeNotAcceptedException}; a wrong attempt is counted even so.
     */
    public Uni<Verified> verify(String challengeId, String rawPhone, String rawCode, String clientIp, String userAgent) {
        rateLimits.acquire(clientIp, "otp-verify");
        UUID id = parseId(challengeId);
        String e164 = PhoneNumbers.toE164(rawPhone).orElseThrow(() -> new InvalidPhoneNumberException("phone"));
        String code = rawCode == null ? null : rawCode.replace(" ", "");
        if (!OtpCodes.looksLikeACode(code)) {
            return Uni.createFrom().failure(new CodeNotAcceptedException());
        }
        Instant now = now();
        return Panache.withTransaction(() -> challenges.findForUpdate(id).map(entity -> {
            if (entity == null) {
                return null;
            }
            String phoneHash = hasher.hash(entity.tenant, new Identifier(IdentifierType.PHONE, e164));
            OtpChallenge.Attempt attempt = entity.toChallenge()
                    .attempt(phoneHash, codeHasher.hash(entity.id.toString(), code), config.maxAttempts(), now);
            entity.apply(attempt.challenge());
            return attempt;
        })).chain(attempt -> {
            if (attempt == null || attempt.outcome() != Outcome.VERIFIED) {
                LOG.infof("code for challenge %s not accepted: %s", challengeId,
                        attempt == null ? "UNKNOWN_CHALLENGE" : attempt.outcome());
                return Uni.createFrom().failure(new CodeNotAcceptedException());
            }
            return record(attempt.challenge(), e164, clientIp, userAgent);
        });
    }

    private Uni<Verified> record(OtpChallenge challenge, String e164, String clientIp, String userAgent) {
        return sites.find(challenge.siteId()).chain(site -> {
            SmsOptIn optIn = new SmsOptIn(challenge, e164, "phone:" + challenge.phoneHash(), site.policyVersion(),
                    clientIp, userAgent);
            return publisher.publish(optIn.toSubmission())
                    .map(ignored -> new Verified(optIn, signer.sign(optIn.claims())))
                    .onFailure().recoverWithUni(e -> reopen(challenge));
        });
    }

    /** The opt-in was not acknowledged: the code may be used again (the event id is the same, so it counts once). */
    private Uni<Verified> reopen(OtpChallenge challenge) {
        LOG.infof("challenge %s is open again: its opt-in was not committed", challenge.id());
        ProblemException unavailable = ProblemException.unavailable("The opt-in could not be recorded; please try again");
        return Panache.withTransaction(() -> challenges.findById(UUID.fromString(challenge.id()))
                .invoke(entity -> entity.verifiedAt = null))
                .onItemOrFailure().transform((ignored, failure) -> {
                    throw unavailable;
                });
    }

    private static UUID parseId(String challengeId) {
        try {
            return UUID.fromString(challengeId == null ? "" : challengeId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("challengeId", "challengeId is the id answered when the code was sent");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
