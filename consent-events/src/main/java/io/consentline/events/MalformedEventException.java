package io.consentline.events;

/** A Kafka record that is not a valid event of the expected type: it belongs on the dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
