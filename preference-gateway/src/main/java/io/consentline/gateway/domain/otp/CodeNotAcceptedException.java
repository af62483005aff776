package io.consentline.gateway.domain.otp;

import io.consentline.kit.problem.ProblemException;

/**
 * 400: the code does not prove the challenge. One answer for every reason (wrong code, other number, expired,
 * used, too many attempts), so the API never tells whether a number or challenge is known.
 */
public class CodeNotAcceptedException extends ProblemException {

    public CodeNotAcceptedException() {
        super(400, "code-not-accepted", "Code not accepted",
                "The code is wrong, expired or used up; request a new one if it keeps failing", "code");
    }
}
