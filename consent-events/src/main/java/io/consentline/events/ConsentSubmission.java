package io.consentline.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A person's choice as accepted by the preference-gateway ({@value EventTypes#SUBMISSION}).
 *
 * @param identifier who made the choice (a banner visitor id, a phone number, ...)
 * @param channel the channel the choices apply to ({@code web} for cookie banners)
 * @param choices one answer per purpose, all in one submission
 * @param policyVersion the policy version the person was shown
 * @param language the language the banner or message was shown in
 * @param submittedAt when the gateway accepted it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsentSubmission(
        Identifier identifier,
        Channel channel,
        ConsentSource source,
        List<PurposeChoice> choices,
        String policyVersion,
        String language,
        Evidence evidence,
        Instant submittedAt) implements ConsentEvent {
}
