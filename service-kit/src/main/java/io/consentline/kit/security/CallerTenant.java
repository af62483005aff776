package io.consentline.kit.security;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.consentline.kit.problem.ProblemException;

/**
 * The tenant named by the caller's bearer token ({@code tenant} claim). Every tenant-scoped query takes its
 * tenant from here, never from the request, so a caller can only ever reach its own tenant's data.
 */
@RequestScoped
public class CallerTenant {

    public static final String CLAIM = "tenant";

    @Inject
    JsonWebToken token;

    public String id() {
        Object claim = token.getClaim(CLAIM);
        String tenant = claim == null ? null : claim.toString();
        if (tenant == null || tenant.isBlank() || !TenantIds.isValid(tenant)) {
            throw new ProblemException(403, "no-tenant", "No tenant", "The bearer token names no valid tenant",
                    "Authorization");
        }
        return tenant;
    }

    /** Who acted, for the record: the token's subject. */
    public String actor() {
        return token.getSubject();
    }
}
