package io.consentline.gateway.domain.site;

import io.consentline.kit.problem.ProblemException;

/** 400: a field of a site definition is not acceptable. */
public class InvalidSiteException extends ProblemException {

    public InvalidSiteException(String field, String detail) {
        super(400, "invalid-site", "Invalid site definition", detail, field);
    }
}
