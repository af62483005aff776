package io.consentline.gateway.domain.sms;

import io.consentline.kit.problem.ProblemException;

/** 409: the number already receives some tenant's inbound messages (a number names one tenant). */
public class SmsNumberTakenException extends ProblemException {

    public SmsNumberTakenException() {
        super(409, "sms-number-taken", "Number taken", "This number is already registered", "number");
    }
}
