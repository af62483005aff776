package io.consentline.audit.domain;

/**
 * A change event that parses but cannot be recorded (an invalid tenant id, a value the database refuses):
 * retrying cannot help, so it is dead-lettered with this message as the reason.
 */
public class InvalidChangeException extends RuntimeException {

    public InvalidChangeException(String message) {
        super(message);
    }
}
