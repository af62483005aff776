package io.consentline.consent.security;

import static io.consentline.kit.security.Roles.ADMIN;
import static io.consentline.kit.security.Roles.AGENT;
import static io.consentline.kit.security.Roles.COMPLIANCE;
import static io.consentline.kit.security.Roles.DIALER;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import io.consentline.testsupport.security.AuthorizationMatrix;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what in consent-service: every operation of its OpenAPI document × every kind of caller. A new
 * operation fails this test until it has a row here.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    @TestFactory
    Stream<DynamicNode> everyOperationAnswersEachCallerAsTheTableSays() {
        return AuthorizationMatrix.of("consent-service")
                .allow("GET /v1/check", DIALER)
                .allow("POST /v1/check/bulk", DIALER)
                .allow("POST /v1/consents", AGENT, ADMIN)
                .allow("POST /v1/consents/imports", ADMIN)
                .allow("GET /v1/subjects", AGENT, COMPLIANCE)
                .allow("GET /v1/admin/policy", ADMIN)
                .allow("PUT /v1/admin/policy", ADMIN)
                .allow("GET /v1/admin/suppression-lists", ADMIN)
                .allow("PUT /v1/admin/suppression-lists/{name}", ADMIN)
                .allow("DELETE /v1/admin/suppression-lists/{name}", ADMIN)
                .publicOperation("GET /v1/keys")
                .publicOutsideDocument("GET /q/health/live")
                .publicOutsideDocument("GET /q/openapi")
                .value("phone", "+447911123456")
                .value("purpose", "sales_calls")
                .value("channel", "voice")
                .tests();
    }
}
