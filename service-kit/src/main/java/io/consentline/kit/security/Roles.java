package io.consentline.kit.security;

/** The roles a bearer token can carry ({@code groups} claim). */
public final class Roles {

    public static final String AGENT = "agent";
    public static final String DIALER = "dialer";
    public static final String COMPLIANCE = "compliance";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
