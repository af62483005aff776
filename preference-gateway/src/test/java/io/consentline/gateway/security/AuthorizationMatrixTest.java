package io.consentline.gateway.security;

import static io.consentline.kit.security.Roles.ADMIN;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import io.consentline.testsupport.security.AuthorizationMatrix;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what in preference-gateway: every operation of its OpenAPI document × every kind of caller. The
 * public edge (banner, choices, one-time codes, receipt keys) takes no token; the SMS webhook is public but
 * checks its provider's signature; the admin API is for admins. A new operation fails this test until it has a
 * row here.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    @TestFactory
    Stream<DynamicNode> everyOperationAnswersEachCallerAsTheTableSays() {
        return AuthorizationMatrix.of("preference-gateway")
                .publicOperation("POST /v1/choices")
                .publicOperation("GET /v1/sites/{siteId}/banner")
                .publicOperation("GET /v1/receipt-keys")
                .publicOperation("POST /v1/otp/challenges")
                .publicOperation("POST /v1/otp/verifications")
                .ownSignature("POST /v1/sms/inbound")
                .allow("POST /v1/admin/sites", ADMIN)
                .allow("GET /v1/admin/sites/{id}", ADMIN)
                .allow("PUT /v1/admin/sites/{id}", ADMIN)
                .allow("POST /v1/admin/sms-numbers", ADMIN)
                .allow("GET /v1/admin/sms-numbers", ADMIN)
                .allow("DELETE /v1/admin/sms-numbers/{number}", ADMIN)
                .publicOutsideDocument("GET /banner.js")
                .publicOutsideDocument("GET /demo/")
                .publicOutsideDocument("GET /q/health/live")
                .publicOutsideDocument("GET /q/openapi")
                .tests();
    }
}
