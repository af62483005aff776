package io.consentline.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a subject is recognised: by phone (E.164), email, banner visitor id or the tenant's customer id. */
public enum IdentifierType {
    @JsonProperty("phone")
    PHONE,
    @JsonProperty("email")
    EMAIL,
    @JsonProperty("visitor")
    VISITOR,
    @JsonProperty("customer")
    CUSTOMER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses the wire name ({@code phone}, {@code visitor}, ...); null when it names no type. */
    public static IdentifierType fromWireName(String name) {
        for (IdentifierType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        return null;
    }
}
