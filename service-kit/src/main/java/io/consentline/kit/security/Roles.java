package io.consentline.kit.security;

import java.util.List;

/** The roles a bearer token can carry ({@code groups} claim). */
public final class Roles {

    public static final String AGENT = "agent";
    public static final String DIALER = "dialer";
    public static final String COMPLIANCE = "compliance";
    public static final String ADMIN = "admin";

    /** Every role: the columns of each service's authorization matrix test, so a new role is checked everywhere. */
    public static final List<String> ALL = List.of(AGENT, DIALER, COMPLIANCE, ADMIN);

    private Roles() {
    }
}
