package io.consentline.consent.domain;

import io.consentline.events.Channel;
import io.consentline.events.ConsentStatus;

/** One consent record to write: the status before (null if none) and after. */
public record PlannedChange(String purpose, Channel channel, ConsentStatus before, ConsentStatus after) {
}
