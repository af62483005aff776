package io.consentline.events;

/** The payloads that travel in {@link CloudEvent#data()}. */
public sealed interface ConsentEvent permits ConsentSubmission, ConsentChanged, ConsentStateSnapshot {
}
