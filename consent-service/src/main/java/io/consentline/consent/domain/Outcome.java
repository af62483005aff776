package io.consentline.consent.domain;

/** The answer to a dialer: may it contact the number, for this purpose, on this channel, now. */
public enum Outcome {
    ALLOW,
    DENY
}
