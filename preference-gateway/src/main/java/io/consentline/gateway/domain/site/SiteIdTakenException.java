package io.consentline.gateway.domain.site;

import io.consentline.kit.problem.ProblemException;

/** 409: the requested site id is already in use (site ids are global, across tenants). */
public class SiteIdTakenException extends ProblemException {

    public SiteIdTakenException() {
        super(409, "site-id-taken", "Site id taken", "This site id is already in use; choose another or omit it",
                "id");
    }
}
