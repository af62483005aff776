package io.consentline.gateway.domain.sms;

import io.consentline.kit.problem.ProblemException;

/** 404: no such number is registered for the caller's tenant. */
public class SmsNumberNotFoundException extends ProblemException {

    public SmsNumberNotFoundException() {
        super(404, "sms-number-not-found", "Number not found", "No such number is registered for your tenant",
                "number");
    }
}
