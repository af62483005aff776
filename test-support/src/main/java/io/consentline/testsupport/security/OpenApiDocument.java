package io.consentline.testsupport.security;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the operations of the service under test from its own OpenAPI document ({@code /q/openapi}), so a test
 * that walks them cannot forget an endpoint added later.
 */
public final class OpenApiDocument {

    public static final String PATH = "/q/openapi";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private OpenApiDocument() {
    }

    /** Every operation of the running service (RestAssured's base URI and port, as {@code @QuarkusTest} sets them). */
    public static List<ApiOperation> fetch() {
        Map<String, Object> paths = given().accept("application/json").queryParam("format", "json")
                .when().get(PATH)
                .then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        return operations(paths);
    }

    @SuppressWarnings("unchecked")
    static List<ApiOperation> operations(Map<String, Object> paths) {
        List<ApiOperation> operations = new ArrayList<>();
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            Map<String, Object> item = (Map<String, Object>) path.getValue();
            List<Map<String, Object>> shared = (List<Map<String, Object>>) item.getOrDefault("parameters", List.of());
            for (Map.Entry<String, Object> entry : item.entrySet()) {
                if (!METHODS.contains(entry.getKey())) {
                    continue;
                }
                Map<String, Object> operation = (Map<String, Object>) entry.getValue();
                Map<String, ApiOperation.Parameter> parameters = new LinkedHashMap<>();
                for (Map<String, Object> p : shared) {
                    parameters.put(p.get("in") + ":" + p.get("name"), parameter(p));
                }
                for (Map<String, Object> p : (List<Map<String, Object>>) operation.getOrDefault("parameters",
                        List.of())) {
                    parameters.put(p.get("in") + ":" + p.get("name"), parameter(p));
                }
                operations.add(new ApiOperation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters.values()), requestContentType(operation)));
            }
        }
        operations.sort(Comparator.comparing(ApiOperation::path).thenComparing(ApiOperation::method));
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static ApiOperation.Parameter parameter(Map<String, Object> p) {
        String in = String.valueOf(p.get("in"));
        boolean required = Boolean.TRUE.equals(p.get("required")) || "path".equals(in);
        Object example = p.get("example");
        Map<String, Object> schema = (Map<String, Object>) p.getOrDefault("schema", Map.of());
        if (example == null) {
            example = schema.get("example");
        }
        if (example == null && schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            example = values.get(0);
        }
        if (example == null) {
            example = schema.get("default");
        }
        return new ApiOperation.Parameter(String.valueOf(p.get("name")), in, required,
                Optional.ofNullable(example).map(String::valueOf));
    }

    @SuppressWarnings("unchecked")
    private static Optional<String> requestContentType(Map<String, Object> operation) {
        Object body = operation.get("requestBody");
        if (!(body instanceof Map<?, ?> requestBody)) {
            return Optional.empty();
        }
        Object content = requestBody.get("content");
        if (!(content instanceof Map<?, ?> types) || types.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.valueOf(((Map<String, Object>) types).keySet().iterator().next()));
    }
}
