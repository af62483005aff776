package io.consentline.consent.domain;

/** Machine-readable reasons behind a decision, most decisive first. */
public enum Reason {
    /** The person refused or withdrew consent (GDPR Art. 7(3)): it always wins. */
    OPTED_OUT,
    /** The number is on a suppression (do-not-call) list that covers the purpose. */
    SUPPRESSED,
    /** Nothing on record and the purpose needs opt-in: no record means no. */
    NO_CONSENT,
    /** There was a grant, but it has expired. */
    EXPIRED,
    /** The callee's local time is outside the calling window; see the next allowed instant. */
    OUTSIDE_CALLING_WINDOW,
    /** The callee's time zone cannot be told from the number, so the window cannot be honoured. */
    CALLING_WINDOW_UNKNOWN,
    /** ALLOW: a live, unexpired grant covers the purpose and channel. */
    CONSENT_GRANTED,
    /** ALLOW: the tenant's policy does not require opt-in for this purpose and channel, and no opt-out. */
    OPT_IN_NOT_REQUIRED
}
