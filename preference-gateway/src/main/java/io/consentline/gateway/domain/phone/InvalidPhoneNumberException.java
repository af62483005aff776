package io.consentline.gateway.domain.phone;

import io.consentline.kit.problem.ProblemException;

/** 400: a field that must be a phone number in international form is not one. The value is never echoed. */
public class InvalidPhoneNumberException extends ProblemException {

    public InvalidPhoneNumberException(String field) {
        super(400, "invalid-phone-number", "Invalid phone number",
                field + " is invalid: not a phone number in international form such as +447911123456", field);
    }
}
