package io.consentline.consent.domain;

/** A submission that parses but cannot be applied (e.g. an invalid purpose name): it is dead-lettered. */
public class InvalidSubmissionException extends RuntimeException {

    public InvalidSubmissionException(String message) {
        super(message);
    }
}
