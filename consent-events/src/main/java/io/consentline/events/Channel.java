package io.consentline.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The channel a consent applies to. Consent for one channel says nothing about another. */
public enum Channel {
    @JsonProperty("voice")
    VOICE,
    @JsonProperty("sms")
    SMS,
    @JsonProperty("email")
    EMAIL,
    @JsonProperty("web")
    WEB;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses the wire name; null when it names no channel. */
    public static Channel fromWireName(String name) {
        for (Channel channel : values()) {
            if (channel.wireName().equals(name)) {
                return channel;
            }
        }
        return null;
    }
}
