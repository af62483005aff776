package io.consentline.gateway.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.gateway.config.GatewayConfig;
import io.consentline.gateway.domain.phone.PhoneNumbers;
import io.consentline.gateway.domain.sms.InboundIntent;
import io.consentline.gateway.domain.sms.InboundMessages;
import io.consentline.gateway.domain.sms.KeywordSubmissions;
import io.consentline.gateway.domain.sms.TwilioSignature;
import io.consentline.gateway.domain.sms.UnsignedWebhookException;
import io.consentline.gateway.messaging.SubmissionPublisher;
import io.consentline.kit.identity.IdentifierHasher;
import io.consentline.kit.problem.ProblemException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Inbound SMS from the provider: STOP-family keywords and clear free-text opt-outs become a blanket SMS
 * withdrawal, START/UNSTOP/YES lift it, HELP is only answered. The tenant is the owner of the number texted
 * ({@code To}); the answer (the reply text) comes only after the broker acknowledged what was recorded.
 */
@ApplicationScoped
public class InboundSmsService {

    private static final Logger LOG = Logger.getLogger(InboundSmsService.class);

    private final GatewayConfig config;
    private final SmsNumberService numbers;
    private final IdentifierHasher hasher;
    private final SubmissionPublisher publisher;
    private final Clock clock = Clock.systemUTC();

    InboundSmsService(GatewayConfig config, SmsNumberService numbers, IdentifierHasher hasher,
            SubmissionPublisher publisher) {
        this.config = config;
        this.numbers = numbers;
        this.hasher = hasher;
        this.publisher = publisher;
    }

    void warnWithoutToken(@Observes StartupEvent start) {
        if (config.sms().twilio().authToken().isEmpty()) {
            LOG.warn("No consentline.gateway.sms.twilio.auth-token configured: every inbound SMS webhook is refused");
        }
    }

    /** An inbound message as the provider posted it. */
    public record InboundSms(String messageId, String from, String to, String body) {
    }

    /**
     * Checks the provider's signature over the URL it called and every form parameter; throws
     * {@link UnsignedWebhookException} when it does not hold.
     */
    public void verifySignature(String requestUrl, Map<String, List<String>> params, String signature) {
        String url = config.sms().inboundUrl().orElse(requestUrl);
        String token = config.sms().twilio().authToken().orElse(null);
        if (!TwilioSignature.isValid(token, url, params, signature)) {
            LOG.warn("inbound SMS webhook refused: missing or wrong X-Twilio-Signature");
            throw new UnsignedWebhookException();
        }
    }

    /** Records what the message asks for and answers the reply text (empty: no reply). */
    public Uni<String> receive(InboundSms sms) {
        InboundIntent intent = InboundMessages.classify(sms.body());
        if (intent instanceof InboundIntent.Help) {
            return Uni.createFrom().item(config.sms().replies().help());
        }
        if (intent instanceof InboundIntent.Unrecognised) {
            return Uni.createFrom().item("");
        }
        Optional<String> from = PhoneNumbers.toE164(sms.from());
        Optional<String> to = PhoneNumbers.toE164(sms.to());
        if (from.isEmpty() || to.isEmpty()) {
            LOG.warnf("inbound SMS %s not recorded: From or To is not a phone number", sms.messageId());
            return Uni.createFrom().item("");
        }
        return numbers.tenantOf(to.get())
                .onFailure().transform(e -> ProblemException.unavailable("Number registry unavailable; nothing recorded"))
                .chain(tenant -> {
                    if (tenant == null) {
                        LOG.warnf("inbound SMS %s to unregistered number %s not recorded", sms.messageId(),
                                new Identifier(IdentifierType.PHONE, to.get()).masked());
                        return Uni.createFrom().item("");
                    }
                    return record(tenant, from.get(), sms.messageId(), intent);
                });
    }

    private Uni<String> record(String tenant, String e164, String messageId, InboundIntent intent) {
        Identifier phone = new Identifier(IdentifierType.PHONE, e164);
        String subject = "phone:" + hasher.hash(tenant, phone);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var event = KeywordSubmissions.of(tenant, e164, subject, messageId, intent, now).orElseThrow();
        return publisher.publish(event)
                .onFailure().transform(e -> ProblemException.unavailable(
                        "The message could not be confirmed; please send it again"))
                .invoke(() -> LOG.infof("inbound SMS %s from %s recorded as %s (%s)", messageId, phone.masked(),
                        intent instanceof InboundIntent.OptOut ? "opt-out" : "opt-in", event.data().evidence().matchedRule()))
                .map(ignored -> intent instanceof InboundIntent.OptOut ? config.sms().replies().optOut()
                        : config.sms().replies().optIn());
    }
}
