package io.consentline.gateway.domain.site;

import io.consentline.kit.problem.ProblemException;

/** 404: no site with this id belongs to the caller's tenant (another tenant's site is not found either). */
public class SiteNotFoundException extends ProblemException {

    public SiteNotFoundException() {
        super(404, "site-not-found", "Site not found", "No site with this id exists for your tenant", "id");
    }
}
