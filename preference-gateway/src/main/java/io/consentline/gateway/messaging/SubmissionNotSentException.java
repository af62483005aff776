package io.consentline.gateway.messaging;

/** The submission is certainly not on the topic for any consumer that reads committed records: answer 503. */
public class SubmissionNotSentException extends RuntimeException {

    public SubmissionNotSentException(String why) {
        super(why, null, false, false);
    }
}
