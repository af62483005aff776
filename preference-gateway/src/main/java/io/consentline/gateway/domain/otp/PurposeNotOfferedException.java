package io.consentline.gateway.domain.otp;

import io.consentline.kit.problem.ProblemException;

/** 400: the site does not offer this purpose for SMS opt-in (its {@code smsPurposes}). */
public class PurposeNotOfferedException extends ProblemException {

    public PurposeNotOfferedException() {
        super(400, "purpose-not-offered", "Purpose not offered",
                "purpose is not one this site offers for SMS opt-in", "purpose");
    }
}
