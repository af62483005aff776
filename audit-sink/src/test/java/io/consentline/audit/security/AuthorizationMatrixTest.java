package io.consentline.audit.security;

import static io.consentline.kit.security.Roles.ADMIN;
import static io.consentline.kit.security.Roles.COMPLIANCE;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

import io.consentline.testsupport.security.AuthorizationMatrix;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call what in audit-sink: every operation of its OpenAPI document × every kind of caller. The log is for
 * compliance; erasure is for admins; the checkpoint keys are public. A new operation fails this test until it has
 * a row here.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    @TestFactory
    Stream<DynamicNode> everyOperationAnswersEachCallerAsTheTableSays() {
        return AuthorizationMatrix.of("audit-sink")
                .allow("GET /v1/audit/entries", COMPLIANCE)
                .allow("GET /v1/audit/export", COMPLIANCE)
                .allow("GET /v1/audit/verify", COMPLIANCE)
                .allow("GET /v1/audit/checkpoints/latest", COMPLIANCE)
                .allow("POST /v1/audit/access-requests", COMPLIANCE)
                .allow("POST /v1/audit/erasures", ADMIN)
                .publicOperation("GET /v1/audit/keys")
                .publicOutsideDocument("GET /q/health/live")
                .publicOutsideDocument("GET /q/openapi")
                .value("identifierType", "visitor")
                .value("identifier", "v-matrix")
                .tests();
    }
}
