package io.consentline.gateway.domain.sms;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;
import io.consentline.gateway.domain.choice.AcceptedChoice;

/**
 * What an inbound SMS records: an opt-out is one blanket withdrawal on the SMS channel ({@code *} DENIED), an
 * opt-in keyword lifts it ({@code *} GRANTED, which grants no purpose by itself); help and anything else record
 * nothing.
 */
public final class KeywordSubmissions {

    private KeywordSubmissions() {
    }

    /**
     * @param subject the subject reference ({@code phone:<keyed hash>})
     * @param messageId the provider's message id (Twilio's MessageSid): the event id derives from it, so a
     *        webhook the provider retries is recorded once
     */
    public static Optional<CloudEvent<ConsentSubmission>> of(String tenant, String e164, String subject,
            String messageId, InboundIntent intent, Instant at) {
        ConsentStatus status;
        String rule;
        if (intent instanceof InboundIntent.OptOut optOut) {
            status = ConsentStatus.DENIED;
            rule = optOut.matchedRule();
        } else if (intent instanceof InboundIntent.OptIn optIn) {
            status = ConsentStatus.GRANTED;
            rule = optIn.matchedRule();
        } else {
            return Optional.empty();
        }
        ConsentSubmission submission = new ConsentSubmission(new Identifier(IdentifierType.PHONE, e164), Channel.SMS,
                ConsentSource.SMS_KEYWORD, List.of(new PurposeChoice(PurposeChoice.ALL_PURPOSES, status)), null, null,
                Evidence.ofInboundSms(messageId, rule), at);
        String id = UUID.nameUUIDFromBytes(("sms:" + tenant + ":" + messageId).getBytes(StandardCharsets.UTF_8))
                .toString();
        return Optional.of(CloudEvent.of(id, AcceptedChoice.EVENT_SOURCE, EventTypes.SUBMISSION, tenant, subject, at,
                submission));
    }
}
