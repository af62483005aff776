package io.consentline.gateway.messaging;

/**
 * The commit of the submission's transaction was sent to Kafka but not answered: it may have committed. The caller
 * is answered 503 all the same (it cannot be told more), and the case is logged, since it is the one way left for a
 * submission answered 503 to be recorded (docs/reliability.md).
 */
public class SubmissionOutcomeUnknownException extends RuntimeException {

    public SubmissionOutcomeUnknownException(String why, Throwable cause) {
        super(why, cause, false, false);
    }
}
