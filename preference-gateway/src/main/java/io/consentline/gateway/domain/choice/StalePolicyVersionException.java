package io.consentline.gateway.domain.choice;

import io.consentline.kit.problem.ProblemException;

/**
 * 409: the banner showed a policy version that is no longer the site's. The choice is not recorded, so a
 * proof never names a text other than the one in force; the banner reloads and asks again.
 */
public class StalePolicyVersionException extends ProblemException {

    public StalePolicyVersionException(String currentVersion) {
        super(409, "stale-policy-version", "Stale policy version",
                "The site's policy version is now " + currentVersion + "; show it and ask again", "policyVersion");
    }
}
