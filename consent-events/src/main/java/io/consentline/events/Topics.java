package io.consentline.events;

/** Kafka topic names shared by producers and consumers. Versioned: a breaking change gets a new topic. */
public final class Topics {

    /**
     * Submissions accepted by the preference-gateway (banner choices, SMS keywords, OTP opt-ins). Written in Kafka
     * transactions: a submission the gateway answered with a failure is in an aborted one. Consumers must read with
     * {@code isolation.level=}{@value #SUBMISSIONS_ISOLATION_LEVEL}, or they may apply what the gateway refused.
     */
    public static final String SUBMISSIONS = "consent.submissions.v1";

    /** The consumer setting {@code isolation.level} that {@link #SUBMISSIONS} requires. */
    public static final String SUBMISSIONS_ISOLATION_LEVEL = "read_committed";

    /** Every change of a consent record, published by consent-service through its outbox. */
    public static final String CHANGES = "consent.changes.v1";

    /** Compacted: the current consent state per subject (key = tenant + subject). */
    public static final String STATE = "consent.state.v1";

    /** Suffix of the dead-letter topic of each topic: messages that could not be parsed or applied. */
    public static final String DEAD_LETTER_SUFFIX = ".dlq";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
