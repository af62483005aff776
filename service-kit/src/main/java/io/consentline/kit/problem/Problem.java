package io.consentline.kit.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}), with the offending field named so a
 * client can point at it.
 *
 * @param type URI reference naming the kind of problem
 * @param field the request field at fault (JSON path, query or header name), when one is
 * @param errors every field at fault, when there are several
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String field,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:consentline:problem:";

    public static Problem of(int status, String slug, String title, String detail, String field) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, null, field, null);
    }

    public Problem withInstance(String instance) {
        return new Problem(type, title, status, detail, instance, field, errors);
    }

    public Problem withErrors(List<FieldError> errors) {
        return new Problem(type, title, status, detail, instance, field, errors);
    }

    /** One field at fault and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
