package io.consentline.consent.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.consentline.consent.domain.window.CallingWindow;
import io.consentline.events.Channel;

/**
 * Everything a decision depends on, gathered before deciding, so the decision itself is a pure function.
 *
 * @param consent the current consent for the purpose and channel, if any
 * @param channelWide the current blanket record for every purpose on the channel (STOP / START), if any
 * @param optInRequired whether the tenant's policy needs an explicit grant for this purpose and channel
 * @param suppressingLists names of the suppression lists that hold the number for this purpose
 * @param window the calling window for channels that have one (voice, sms); null otherwise
 * @param calleeZones the time zones the callee may be in (empty when unknown)
 */
public record CheckFacts(Optional<CurrentConsent> consent, Optional<CurrentConsent> channelWide, boolean optInRequired, List<String> suppressingLists,
        Channel channel, CallingWindow window, List<ZoneId> calleeZones, Instant at) {

    public CheckFacts {
        suppressingLists = List.copyOf(suppressingLists);
        calleeZones = List.copyOf(calleeZones);
    }

    /** Facts for a channel without a calling window and no suppression lists (web, email). */
    public static CheckFacts withoutWindow(Optional<CurrentConsent> consent, Channel channel, Instant at) {
        return new CheckFacts(consent, Optional.empty(), true, List.of(), channel, null, List.of(), at);
    }
}
