package io.consentline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What was observed when consent was given or withdrawn: what GDPR Art. 7(1) needs to demonstrate it. IP
 * address, user agent and message ids are personal data.
 *
 * @param siteId the banner's site, for banner submissions
 * @param otpChallengeId the verified one-time-code challenge, for SMS opt-ins
 * @param agentId the agent who recorded it, for agent-recorded consent
 * @param recordingReference the call recording in which consent was given
 * @param messageId the SMS provider's id of the inbound message (e.g. Twilio's MessageSid), for keywords
 * @param matchedRule which keyword or free-text rule recognised an inbound message (e.g. {@code keyword:STOP})
 * @param globalPrivacyControl true when the browser sent {@code Sec-GPC: 1} and sale/sharing purposes were denied
 *        because of it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
        String ipAddress,
        String userAgent,
        String siteId,
        String otpChallengeId,
        String agentId,
        String recordingReference,
        String messageId,
        String matchedRule,
        Boolean globalPrivacyControl) {

    public static Evidence ofBanner(String siteId, String ipAddress, String userAgent) {
        return new Evidence(ipAddress, userAgent, siteId, null, null, null, null, null, null);
    }

    public static Evidence ofAgent(String agentId, String recordingReference) {
        return new Evidence(null, null, null, null, agentId, recordingReference, null, null, null);
    }

    public static Evidence ofOtp(String otpChallengeId, String ipAddress, String userAgent) {
        return new Evidence(ipAddress, userAgent, null, otpChallengeId, null, null, null, null, null);
    }

    public static Evidence ofInboundSms(String messageId, String matchedRule) {
        return new Evidence(null, null, null, null, null, null, messageId, matchedRule, null);
    }

    /** The same evidence, naming the agent who recorded it. */
    public Evidence withAgent(String agent) {
        return new Evidence(ipAddress, userAgent, siteId, otpChallengeId, agent, recordingReference, messageId,
                matchedRule, globalPrivacyControl);
    }

    /** The same evidence, saying whether a Global Privacy Control signal decided part of the choice. */
    public Evidence withGlobalPrivacyControl(boolean applied) {
        return new Evidence(ipAddress, userAgent, siteId, otpChallengeId, agentId, recordingReference, messageId,
                matchedRule, applied ? Boolean.TRUE : null);
    }
}
