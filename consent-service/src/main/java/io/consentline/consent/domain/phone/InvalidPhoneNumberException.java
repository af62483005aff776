package io.consentline.consent.domain.phone;

/** A phone number that cannot be parsed or is not a valid number. The message never repeats the number. */
public class InvalidPhoneNumberException extends RuntimeException {

    public InvalidPhoneNumberException(String reason) {
        super(reason);
    }
}
