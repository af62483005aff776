package io.consentline.testsupport.security;

import java.util.ArrayList;
import java.util.List;

import io.consentline.kit.security.Roles;
import io.consentline.testsupport.TestTokens;

/**
 * Who calls, in an authorization matrix: no token, each way a token can be refused, each role, another tenant, no
 * tenant.
 *
 * @param label how the matrix names the caller
 * @param token the bearer token, or null for none
 * @param kind what kind of caller this is
 * @param role the role the token carries, when it carries one
 */
record Caller(String label, String token, Kind kind, String role) {

    static final String TENANT = "authz-matrix";
    static final String OTHER_TENANT = "authz-matrix-other";
    static final String OTHER_ISSUER = "https://issuer.elsewhere.test";
    static final String OTHER_AUDIENCE = "another-service";

    enum Kind {
        NO_TOKEN, REFUSED_TOKEN, ROLE, OTHER_TENANT, NO_TENANT
    }

    /**
     * Every caller. Refused tokens carry {@code validRole} (a role the operation allows, when it needs one), so the
     * only thing wrong with them is the defect they are named after.
     */
    static List<Caller> all(String validRole) {
        List<Caller> callers = new ArrayList<>();
        callers.add(new Caller("no token", null, Kind.NO_TOKEN, null));
        callers.add(new Caller("a bearer value that is not a JWT", "not-a-jwt", Kind.REFUSED_TOKEN, null));
        callers.add(refused("an expired token", TestTokens.tenant(TENANT).roles(validRole).expired(), validRole));
        callers.add(refused("a token signed by an untrusted key",
                TestTokens.tenant(TENANT).roles(validRole).signedByStranger(), validRole));
        callers.add(refused("a token from another issuer",
                TestTokens.tenant(TENANT).roles(validRole).issuer(OTHER_ISSUER), validRole));
        callers.add(refused("a token for another audience",
                TestTokens.tenant(TENANT).roles(validRole).audience(OTHER_AUDIENCE), validRole));
        for (String role : Roles.ALL) {
            callers.add(new Caller("role " + role, TestTokens.of(TENANT, role), Kind.ROLE, role));
        }
        callers.add(new Caller("role " + validRole + " of another tenant", TestTokens.of(OTHER_TENANT, validRole),
                Kind.OTHER_TENANT, validRole));
        callers.add(new Caller("role " + validRole + " without a tenant",
                TestTokens.tenant(null).roles(validRole).sign(), Kind.NO_TENANT, validRole));
        return callers;
    }

    private static Caller refused(String label, TestTokens token, String role) {
        return new Caller(label, token.sign(), Kind.REFUSED_TOKEN, role);
    }
}
