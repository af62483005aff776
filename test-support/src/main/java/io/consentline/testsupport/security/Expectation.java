package io.consentline.testsupport.security;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What one cell of an authorization matrix expects of the answer. */
enum Expectation {

    /** No token on an operation that needs one: 401 {@code unauthenticated}, with a challenge. */
    UNAUTHENTICATED("401 unauthenticated") {
        @Override
        void check(String call, Response response, String token) {
            refusal(call, response, token, 401, "unauthenticated");
            challenge(call, response);
        }
    },
    /** A token that is refused: 401 {@code invalid-token}, with a challenge. */
    INVALID_TOKEN("401 invalid-token") {
        @Override
        void check(String call, Response response, String token) {
            refusal(call, response, token, 401, "invalid-token");
            challenge(call, response);
        }
    },
    /** A valid token without a role the operation allows: 403 {@code forbidden}. */
    FORBIDDEN("403 forbidden") {
        @Override
        void check(String call, Response response, String token) {
            refusal(call, response, token, 403, "forbidden");
        }
    },
    /** Past authentication and authorisation: neither 401 nor 403, and no server error. */
    ALLOWED("allowed") {
        @Override
        void check(String call, Response response, String token) {
            int status = response.statusCode();
            if (status == 401 || status == 403 || status >= 500) {
                fail(call + ": expected to be let through (not 401/403, no 5xx), got " + summary(response));
            }
        }
    },
    /** A token naming no tenant, with an allowed role: refused (4xx), never answered with data. */
    REFUSED_WITHOUT_TENANT("4xx, never served") {
        @Override
        void check(String call, Response response, String token) {
            int status = response.statusCode();
            if (status < 400 || status >= 500 || status == 401) {
                fail(call + ": a token without a tenant must be refused with a 4xx other than 401, got "
                        + summary(response));
            }
        }
    },
    /** An operation with its own authentication: bearer tokens play no part in its answer. */
    NOT_A_BEARER_REFUSAL("no bearer refusal") {
        @Override
        void check(String call, Response response, String token) {
            if (response.statusCode() == 401 || response.statusCode() >= 500) {
                fail(call + ": tokens must play no part here, got " + summary(response));
            }
            String type = problemType(response);
            if (List.of("unauthenticated", "invalid-token", "forbidden").stream()
                    .anyMatch(slug -> (AuthorizationMatrix.PROBLEM_PREFIX + slug).equals(type))) {
                fail(call + ": refused as if it needed a bearer token: " + summary(response));
            }
        }
    };

    private static final List<String> STACK_TRACE_MARKERS = List.of("Exception", "\tat ", "at io.", "at java.",
            "Caused by");

    private final String description;

    Expectation(String description) {
        this.description = description;
    }

    String describe() {
        return description;
    }

    abstract void check(String call, Response response, String token);

    static void refusal(String call, Response response, String token, int status, String slug) {
        String body = response.asString();
        if (response.statusCode() != status) {
            fail(call + ": expected " + status + " " + slug + ", got " + summary(response));
        }
        String contentType = response.contentType();
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            fail(call + ": a refusal must be application/problem+json, got '" + contentType + "': " + body);
        }
        Map<String, Object> problem;
        try {
            problem = JsonPath.from(body).getMap("");
        } catch (RuntimeException e) {
            throw new AssertionError(call + ": the problem body is not JSON: " + body, e);
        }
        if (!Integer.valueOf(status).equals(problem.get("status"))) {
            fail(call + ": the problem's status must be " + status + ": " + body);
        }
        String expectedType = AuthorizationMatrix.PROBLEM_PREFIX + slug;
        if (!expectedType.equals(problem.get("type"))) {
            fail(call + ": expected the problem type " + expectedType + ": " + body);
        }
        for (String member : List.of("title", "detail")) {
            if (!(problem.get(member) instanceof String text) || text.isBlank()) {
                fail(call + ": the problem has no " + member + ": " + body);
            }
        }
        for (String marker : STACK_TRACE_MARKERS) {
            if (body.contains(marker)) {
                fail(call + ": the refusal carries what looks like a stack trace (" + marker.strip() + "): " + body);
            }
        }
        if (token != null && token.length() > 8 && tokenPartsIn(body, token)) {
            fail(call + ": the refusal repeats the token: " + body);
        }
    }

    private static boolean tokenPartsIn(String body, String token) {
        for (String part : token.split("\\.")) {
            if (part.length() >= 8 && body.contains(part)) {
                return true;
            }
        }
        return false;
    }

    static void challenge(String call, Response response) {
        java.util.List<String> challenges = response.headers().getValues("WWW-Authenticate");
        if (challenges.size() != 1 || !challenges.get(0).startsWith("Bearer")) {
            fail(call + ": a 401 must carry one 'WWW-Authenticate: Bearer' challenge, got " + challenges);
        }
    }

    static String problemType(Response response) {
        String contentType = response.contentType();
        if (contentType == null || !contentType.contains("json")) {
            return null;
        }
        try {
            Object type = JsonPath.from(response.asString()).get("type");
            return type == null ? null : type.toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static String summary(Response response) {
        String body = response.asString();
        if (body.length() > 300) {
            body = body.substring(0, 300) + "…";
        }
        return response.statusCode() + " " + (body.isEmpty() ? "(empty body)" : body);
    }
}
