package io.consentline.consent.domain;

import io.consentline.events.Channel;

/** What a consent is for: one purpose on one channel. */
public record ConsentKey(String purpose, Channel channel) {
}
