package io.consentline.events;

/** CloudEvents {@code type} values. */
public final class EventTypes {

    public static final String SUBMISSION = "consent.submission.v1";
    public static final String CHANGED = "consent.changed.v1";
    public static final String STATE = "consent.state.v1";

    private EventTypes() {
    }
}
