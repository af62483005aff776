package io.consentline.consent.domain.policy;

/** A tenant policy that cannot be accepted; names the field at fault. */
public class InvalidPolicyException extends RuntimeException {

    private final String field;

    public InvalidPolicyException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
