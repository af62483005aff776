package io.consentline.testsupport.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

import io.consentline.kit.security.Roles;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * An authorization matrix generated from the service's own OpenAPI document: every operation in it is called by
 * every {@link Caller} (no token, a refused token of each kind, each role of {@link Roles#ALL}, another tenant, no
 * tenant) and the answer is checked against the service's table of who may call what.
 *
 * <p>An operation in the document but not in the table fails the matrix with a message naming it, so a new
 * endpoint cannot ship without a decision about who may call it; a table row the document does not have fails too.
 * "Allowed" means the request got past authentication and authorisation: any answer but 401 and 403 and 5xx (a
 * 400 for the missing body or parameters is expected). A refusal must be 401 or 403 problem+json that says
 * neither more than the kind of refusal nor anything of the token; a 401 must carry a {@code WWW-Authenticate}
 * challenge.
 *
 * <p>Calls are made in tenants of their own ({@link Caller#TENANT}), so the writes an allowed call may make touch
 * no other test's data.
 */
public final class AuthorizationMatrix {

    static final String PROBLEM_PREFIX = "urn:consentline:problem:";

    private enum Access {
        ROLES, PUBLIC, OWN_SIGNATURE
    }

    private record Rule(Access access, Set<String> roles, boolean outsideDocument) {
    }

    private final String service;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();

    private AuthorizationMatrix(String service) {
        this.service = service;
    }

    /** Starts the table of the named service. */
    public static AuthorizationMatrix of(String service) {
        return new AuthorizationMatrix(service);
    }

    /** The operation ({@code "GET /v1/check"}) needs a bearer token carrying one of these roles. */
    public AuthorizationMatrix allow(String operation, String... roles) {
        if (roles.length == 0) {
            throw new IllegalArgumentException(operation + ": name the roles, or say publicOperation");
        }
        for (String role : roles) {
            if (!Roles.ALL.contains(role)) {
                throw new IllegalArgumentException(operation + ": unknown role " + role);
            }
        }
        return rule(operation, new Rule(Access.ROLES, new LinkedHashSet<>(Arrays.asList(roles)), false));
    }

    /**
     * The operation is public on purpose: no token needed, any valid token (any role, any tenant) changes nothing.
     * A token that is sent is still checked: a refused one is 401, as everywhere.
     */
    public AuthorizationMatrix publicOperation(String operation) {
        return rule(operation, new Rule(Access.PUBLIC, Set.of(), false));
    }

    /**
     * The operation takes no bearer token but authenticates its caller its own way (e.g. a webhook's signature):
     * valid tokens change nothing, and it never answers as if a bearer token were missing or lacked a role.
     */
    public AuthorizationMatrix ownSignature(String operation) {
        return rule(operation, new Rule(Access.OWN_SIGNATURE, Set.of(), false));
    }

    /** A public operation outside the OpenAPI document (static files, health): checked as public too. */
    public AuthorizationMatrix publicOutsideDocument(String operation) {
        return rule(operation, new Rule(Access.PUBLIC, Set.of(), true));
    }

    /** The value to give a path, query or header parameter of this name (else the document's example). */
    public AuthorizationMatrix value(String parameter, String value) {
        values.put(parameter, value);
        return this;
    }

    private AuthorizationMatrix rule(String operation, Rule rule) {
        String key = ApiOperation.parse(operation).key();
        if (rules.put(key, rule) != null) {
            throw new IllegalArgumentException(key + " is in the table twice");
        }
        return this;
    }

    /** The matrix as dynamic tests: first whether the table covers the document, then each operation × caller. */
    public Stream<DynamicNode> tests() {
        List<ApiOperation> documented = OpenApiDocument.fetch();
        Map<String, ApiOperation> byKey = new LinkedHashMap<>();
        documented.forEach(op -> byKey.put(op.key(), op));
        for (Map.Entry<String, Rule> rule : rules.entrySet()) {
            if (rule.getValue().outsideDocument()) {
                byKey.putIfAbsent(rule.getKey(), ApiOperation.parse(rule.getKey()));
            }
        }
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(coverage(documented));
        for (ApiOperation operation : byKey.values()) {
            Rule rule = rules.get(operation.key());
            if (rule != null) {
                nodes.add(dynamicContainer(operation.key() + " (" + describe(rule) + ")", cells(operation, rule)));
            }
        }
        return nodes.stream();
    }

    private DynamicNode coverage(List<ApiOperation> documented) {
        List<String> unlisted = documented.stream().map(ApiOperation::key).filter(k -> !rules.containsKey(k)).toList();
        Set<String> documentedKeys = new LinkedHashSet<>(documented.stream().map(ApiOperation::key).toList());
        List<String> stale = rules.entrySet().stream()
                .filter(e -> !e.getValue().outsideDocument() && !documentedKeys.contains(e.getKey()))
                .map(Map.Entry::getKey).toList();
        return dynamicContainer("the table covers " + service + "'s OpenAPI document", Stream.of(
                dynamicTest("every documented operation has a row in the table", () -> {
                    if (!unlisted.isEmpty()) {
                        fail(service + ": operations in the OpenAPI document but not in the authorization table "
                                + "(add a row saying which roles may call each, or that it is public): " + unlisted);
                    }
                }),
                dynamicTest("every row of the table is a documented operation", () -> {
                    if (!stale.isEmpty()) {
                        fail(service + ": the authorization table names operations the service does not have "
                                + "(remove them, or mark them as outside the document): " + stale);
                    }
                })));
    }

    private Stream<DynamicTest> cells(ApiOperation operation, Rule rule) {
        String validRole = rule.access() == Access.ROLES ? rule.roles().iterator().next() : Roles.ALL.get(0);
        return Caller.all(validRole).stream().map(caller -> {
            Expectation expected = expectation(rule, caller);
            return dynamicTest(caller.label() + " → " + expected.describe(),
                    () -> expected.check(operation.key() + " by " + caller.label(), call(operation, caller),
                            caller.token()));
        });
    }

    private static Expectation expectation(Rule rule, Caller caller) {
        if (rule.access() != Access.ROLES) {
            // no token needed; but a token that is sent is checked (proactive authentication) and refused if bad
            if (caller.kind() == Caller.Kind.REFUSED_TOKEN) {
                return Expectation.INVALID_TOKEN;
            }
            return rule.access() == Access.PUBLIC ? Expectation.ALLOWED : Expectation.NOT_A_BEARER_REFUSAL;
        }
        return switch (caller.kind()) {
            case NO_TOKEN -> Expectation.UNAUTHENTICATED;
            case REFUSED_TOKEN -> Expectation.INVALID_TOKEN;
            case ROLE -> rule.roles().contains(caller.role()) ? Expectation.ALLOWED : Expectation.FORBIDDEN;
            case OTHER_TENANT -> Expectation.ALLOWED;
            case NO_TENANT -> Expectation.REFUSED_WITHOUT_TENANT;
        };
    }

    private Response call(ApiOperation operation, Caller caller) {
        RequestSpecification request = given()
                .config(RestAssured.config().encoderConfig(
                        EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .redirects().follow(false);
        if (caller.token() != null) {
            request.header("Authorization", "Bearer " + caller.token());
        }
        for (ApiOperation.Parameter p : operation.parameters()) {
            String value = values.getOrDefault(p.name(), p.example().orElse("probe"));
            switch (p.in()) {
                case "path" -> request.pathParam(p.name(), value);
                case "query" -> {
                    if (p.required() || values.containsKey(p.name())) {
                        request.queryParam(p.name(), value);
                    }
                }
                case "header" -> {
                    if (p.required() || values.containsKey(p.name())) {
                        request.header(p.name(), value);
                    }
                }
                default -> {
                }
            }
        }
        Optional<String> type = operation.requestContentType();
        // an empty object or an empty body: enough to reach the security check, and answered 400 when let through
        type.ifPresent(t -> {
            request.contentType(t);
            if (t.endsWith("/json") || t.endsWith("+json")) {
                request.body("{}".getBytes(StandardCharsets.UTF_8));
            } else if (t.contains("form-urlencoded")) {
                request.body("");
            } else {
                request.body(new byte[0]);
            }
        });
        return request.when().request(operation.method(), operation.path());
    }

    private static String describe(Rule rule) {
        return switch (rule.access()) {
            case PUBLIC -> "public";
            case OWN_SIGNATURE -> "public, own signature";
            case ROLES -> String.join(", ", rule.roles());
        };
    }
}
