package io.consentline.gateway.domain.sms;

import io.consentline.kit.problem.ProblemException;

/** 403: an inbound webhook without a valid provider signature; nothing is read from it, nothing recorded. */
public class UnsignedWebhookException extends ProblemException {

    public UnsignedWebhookException() {
        super(403, "invalid-signature", "Invalid signature",
                "The request does not carry a valid X-Twilio-Signature for this URL", "X-Twilio-Signature");
    }
}
