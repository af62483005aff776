package io.consentline.kit.problem;

/**
 * Base of the domain's failure types: each subclass is one kind of problem, mapped once to problem+json by
 * {@link ProblemMappers}.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final String field;

    public ProblemException(int status, String slug, String title, String detail, String field) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.field = field;
    }

    public Problem toProblem() {
        return Problem.of(status, slug, title, getMessage(), field);
    }

    public int status() {
        return status;
    }

    /** 400: a field of the request is not acceptable. */
    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(400, "invalid-field", "Invalid field", detail, field);
    }

    /** 503: a dependency is unavailable; nothing was done and the client may retry. */
    public static ProblemException unavailable(String detail) {
        return new ProblemException(503, "unavailable", "Service unavailable", detail, null);
    }
}
