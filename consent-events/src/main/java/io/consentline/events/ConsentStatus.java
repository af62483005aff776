package io.consentline.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** GRANTED, or DENIED (refused or withdrawn). */
public enum ConsentStatus {
    @JsonProperty("GRANTED")
    GRANTED,
    @JsonProperty("DENIED")
    DENIED
}
