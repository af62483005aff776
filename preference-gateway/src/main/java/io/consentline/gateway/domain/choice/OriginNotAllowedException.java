package io.consentline.gateway.domain.choice;

import io.consentline.kit.problem.ProblemException;

/**
 * 403: a browser posted from a page whose origin is not one of the site's allowed origins; nothing is recorded.
 * Callers without an {@code Origin} header (servers) are not browsers and are not subject to it.
 */
public class OriginNotAllowedException extends ProblemException {

    public static final String SLUG = "origin-not-allowed";

    public OriginNotAllowedException() {
        super(403, SLUG, "Origin not allowed", "This page's origin is not one of the site's allowed origins", "Origin");
    }
}
