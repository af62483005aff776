package io.consentline.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a consent decision came from: part of the proof (GDPR Art. 7(1)). */
public enum ConsentSource {
    @JsonProperty("banner")
    BANNER,
    @JsonProperty("sms-keyword")
    SMS_KEYWORD,
    @JsonProperty("otp")
    OTP,
    @JsonProperty("agent")
    AGENT,
    @JsonProperty("import")
    IMPORT,
    @JsonProperty("api")
    API
}
