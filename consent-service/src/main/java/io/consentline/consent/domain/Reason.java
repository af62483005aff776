package io.consentline.consent.domain;

/** Machine-readable reasons behind a decision. */
public enum Reason {
    /** A live, unexpired grant covers the purpose and channel. */
    CONSENT_GRANTED,
    /** Nothing on record: the purpose needs opt-in, so no record means no. */
    NO_CONSENT,
    /** The person refused or withdrew consent (GDPR Art. 7(3)): it always wins. */
    OPTED_OUT,
    /** There was a grant, but it has expired. */
    EXPIRED
}
