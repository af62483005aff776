package io.consentline.audit.domain;

/** A record that can never be recorded, and why: it goes to its topic's dead-letter topic. */
public record Poison(ReceivedEvent event, String reason) {
}
