package io.consentline.gateway.domain.otp;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * A verified SMS opt-in: the number proved it received the code, so it asked for messages for the purpose
 * (double opt-in). Its submission's id derives from the challenge, so publishing it twice records it once.
 *
 * @param subject the subject reference: {@code phone:} + the keyed hash (no readable number on Kafka keys)
 * @param policyVersion the site's policy version when the person opted in
 */
public record SmsOptIn(OtpChallenge challenge, String e164, String subject, String policyVersion, String ipAddress,
        String userAgent) {

    public static final String KIND = "sms-opt-in";
    static final int MAX_USER_AGENT_LENGTH = 512;

    public SmsOptIn {
        if (userAgent != null && userAgent.length() > MAX_USER_AGENT_LENGTH) {
            userAgent = userAgent.substring(0, MAX_USER_AGENT_LENGTH);
        }
    }

    public String receiptId() {
        return UUID.nameUUIDFromBytes(("otp:" + challenge.id()).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    public CloudEvent<ConsentSubmission> toSubmission() {
        Instant at = challenge.verifiedAt();
        ConsentSubmission submission = new ConsentSubmission(new Identifier(IdentifierType.PHONE, e164), Channel.SMS,
                ConsentSource.OTP, List.of(new PurposeChoice(challenge.purpose(), ConsentStatus.GRANTED)),
                policyVersion, challenge.language(), Evidence.ofOtp(challenge.id(), ipAddress, userAgent), at);
        return CloudEvent.of(receiptId(), AcceptedChoice.EVENT_SOURCE, EventTypes.SUBMISSION, challenge.tenant(),
                subject, at, submission);
    }

    /** The signed content of the opt-in's receipt: no readable number, only the subject reference. */
    public Map<String, Object> claims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", receiptId());
        claims.put("iat", challenge.verifiedAt().getEpochSecond());
        claims.put("receipt", KIND);
        claims.put("tenant", challenge.tenant());
        claims.put("sub", subject);
        claims.put("siteId", challenge.siteId());
        claims.put("purpose", challenge.purpose());
        claims.put("channel", Channel.SMS.wireName());
        claims.put("challengeId", challenge.id());
        claims.put("verifiedAt", challenge.verifiedAt().toString());
        if (policyVersion != null) {
            claims.put("policyVersion", policyVersion);
        }
        return claims;
    }
}
