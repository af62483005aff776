package io.consentline.events;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What was observed when consent was given or withdrawn. IP address and user agent are personal data.
 *
 * @param siteId the banner's site, for banner submissions
 * @param otpChallengeId the verified one-time-code challenge, for SMS opt-ins
 * @param agentId the agent who recorded it, for agent-recorded consent
 * @param recordingReference the call recording in which consent was given
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Evidence(
        String ipAddress,
        String userAgent,
        String siteId,
        String otpChallengeId,
        String agentId,
        String recordingReference) {

    public static Evidence ofBanner(String siteId, String ipAddress, String userAgent) {
        return new Evidence(ipAddress, userAgent, siteId, null, null, null);
    }
}
