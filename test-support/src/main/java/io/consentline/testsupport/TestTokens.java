package io.consentline.testsupport;

import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.smallrye.jwt.build.Jwt;

/** Mints OIDC bearer tokens the services under test trust (or, on purpose, do not). */
public final class TestTokens {

    private String tenant = "acme";
    private Set<String> roles = Set.of();
    private String issuer = TestKeys.ISSUER;
    private String audience = TestKeys.AUDIENCE;
    private Instant expiresAt = Instant.now().plus(Duration.ofMinutes(10));
    private PrivateKey signingKey;

    private TestTokens() {
    }

    public static TestTokens tenant(String tenant) {
        TestTokens tokens = new TestTokens();
        tokens.tenant = tenant;
        return tokens;
    }

    /** A valid token for the tenant with the given roles. */
    public static String of(String tenant, String... roles) {
        return tenant(tenant).roles(roles).sign();
    }

    public TestTokens roles(String... roles) {
        this.roles = Set.of(roles);
        return this;
    }

    public TestTokens issuer(String issuer) {
        this.issuer = issuer;
        return this;
    }

    public TestTokens audience(String audience) {
        this.audience = audience;
        return this;
    }

    public TestTokens expired() {
        this.expiresAt = Instant.now().minus(Duration.ofMinutes(10));
        return this;
    }

    public TestTokens signedByStranger() {
        this.signingKey = TestKeys.stranger().getPrivate();
        return this;
    }

    public String sign() {
        var builder = Jwt.issuer(issuer)
                .subject("test-user-" + tenant)
                .audience(audience)
                .groups(roles)
                .issuedAt(expiresAt.minus(Duration.ofMinutes(20)))
                .expiresAt(expiresAt);
        if (tenant != null) {
            builder = builder.claim("tenant", tenant);
        }
        return builder.sign(signingKey != null ? signingKey : TestKeys.privateKey());
    }
}
