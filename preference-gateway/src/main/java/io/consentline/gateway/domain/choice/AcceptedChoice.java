package io.consentline.gateway.domain.choice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

/**
 * A choice that passed {@link ChoiceRules}: what will be recorded. Strictly necessary categories are not in
 * it (they rest on no consent).
 *
 * @param tenant the site's tenant: the controller the consent is given to
 * @param granted optional categories accepted, in the order sent
 * @param denied optional categories refused, in the order sent (then those a privacy signal refused)
 * @param globalPrivacyControl the browser sent {@code Sec-GPC: 1}
 * @param deniedByGlobalPrivacyControl the sale/sharing categories the signal refused, whatever was sent for them
 */
public record AcceptedChoice(String siteId, String tenant, String visitorId, String policyVersion, String language,
        List<String> granted, List<String> denied, boolean globalPrivacyControl,
        List<String> deniedByGlobalPrivacyControl) {

    /** The CloudEvents {@code source} of everything this gateway publishes. */
    public static final String EVENT_SOURCE = "/preference-gateway";
    static final int MAX_USER_AGENT_LENGTH = 512;

    public AcceptedChoice {
        granted = List.copyOf(granted);
        denied = List.copyOf(denied);
        deniedByGlobalPrivacyControl = List.copyOf(deniedByGlobalPrivacyControl);
    }

    /** A choice without a Global Privacy Control signal. */
    public AcceptedChoice(String siteId, String tenant, String visitorId, String policyVersion, String language,
            List<String> granted, List<String> denied) {
        this(siteId, tenant, visitorId, policyVersion, language, granted, denied, false, List.of());
    }

    /**
     * The submission event that records this choice; its id is also the visitor's receipt id.
     *
     * @param clientIp the visitor's IP address, part of the evidence (personal data)
     * @param userAgent the visitor's browser, part of the evidence; cut to a bounded length
     */
    public CloudEvent<ConsentSubmission> toSubmission(String receiptId, String clientIp, String userAgent, Instant at) {
        List<PurposeChoice> choices = new ArrayList<>();
        granted.forEach(category -> choices.add(new PurposeChoice(category, ConsentStatus.GRANTED)));
        denied.forEach(category -> choices.add(new PurposeChoice(category, ConsentStatus.DENIED)));
        ConsentSubmission submission = new ConsentSubmission(new Identifier(IdentifierType.VISITOR, visitorId),
                Channel.WEB, ConsentSource.BANNER, List.copyOf(choices), policyVersion, language,
                Evidence.ofBanner(siteId, clientIp, bounded(userAgent))
                        .withGlobalPrivacyControl(globalPrivacyControl && !deniedByGlobalPrivacyControl.isEmpty()),
                at);
        return CloudEvent.of(receiptId, EVENT_SOURCE, EventTypes.SUBMISSION, tenant, "visitor:" + visitorId, at,
                submission);
    }

    public Receipt receipt(String receiptId, Instant acceptedAt) {
        return new Receipt(receiptId, acceptedAt, tenant, siteId, visitorId, policyVersion, language, granted, denied,
                globalPrivacyControl, deniedByGlobalPrivacyControl);
    }

    private static String bounded(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        return userAgent.length() <= MAX_USER_AGENT_LENGTH ? userAgent : userAgent.substring(0, MAX_USER_AGENT_LENGTH);
    }
}
