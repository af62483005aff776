package io.consentline.gateway.domain.choice;

import io.consentline.kit.problem.ProblemException;

/** 400: the choice names no site the gateway knows; nothing is recorded. */
public class UnknownSiteException extends ProblemException {

    public UnknownSiteException() {
        super(400, "unknown-site", "Unknown site", "siteId names no known site", "siteId");
    }
}
