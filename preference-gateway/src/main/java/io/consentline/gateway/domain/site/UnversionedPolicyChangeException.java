package io.consentline.gateway.domain.site;

import io.consentline.kit.problem.ProblemException;

/**
 * 409: what visitors are shown changed but the policy version did not. A recorded consent names the policy
 * version that was shown; one version must never stand for two different texts (GDPR Art. 7(1)).
 */
public class UnversionedPolicyChangeException extends ProblemException {

    public UnversionedPolicyChangeException(String changed) {
        super(409, "policy-version-unchanged", "Policy version unchanged",
                "The " + changed + " changed: give the new text a new policyVersion", "policyVersion");
    }
}
