package io.consentline.events;

/** One purpose's answer in a submission: granted or denied. */
public record PurposeChoice(String purpose, ConsentStatus status) {
}
