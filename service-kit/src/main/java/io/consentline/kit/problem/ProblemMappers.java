package io.consentline.kit.problem;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Maps every failure to RFC 9457 problem+json, once, for all resources. Bodies never carry stack traces or
 * the rejected values (they may be personal data): only the field and what is wrong with it.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.toProblem(), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        String twice = memberNamedTwice(e);
        if (twice != null) {
            return respond(Problem.of(400, "duplicate-field", "Field given twice",
                    "Field '" + twice + "' is given twice in one object: which value counts would be a guess", twice),
                    uri);
        }
        return respond(Problem.of(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")",
                "body"), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        String field = jsonPath(e);
        return respond(Problem.of(400, "invalid-field", "Invalid field",
                field.equals("body") ? "The request body does not have the expected shape"
                        : "Field '" + field + "' has the wrong type or an unknown value",
                field), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        // databind wraps the parser's errors with the path it had reached: the body is still malformed JSON
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return malformedJson(parse, uri);
            }
        }
        String field = e instanceof JsonMappingException m ? jsonPath(m) : "body";
        return respond(Problem.of(400, "invalid-body", "Invalid request body",
                "The request body cannot be read as the expected JSON", field), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            String field = fieldOf(v.getPropertyPath());
            if (isRequestBody(v)) {
                // the Java parameter's name (request, document, ...) means nothing to a client: it is the body
                field = "body";
            }
            errors.add(new Problem.FieldError(field, v.getMessage()));
        }
        errors.sort((a, b) -> a.field().compareTo(b.field()));
        Problem.FieldError first = errors.isEmpty() ? new Problem.FieldError("body", "invalid") : errors.get(0);
        return respond(Problem.of(400, "validation", "Invalid request",
                "Field '" + first.field() + "' " + first.message(), first.field()).withErrors(errors), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // the JSON reader may wrap its parse errors: answer them as what they are
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonParseException parse) {
                return malformedJson(parse, uri);
            }
            if (cause instanceof MismatchedInputException mismatch) {
                return mismatchedInput(mismatch, uri);
            }
            if (cause instanceof JsonProcessingException other) {
                return unreadableJson(other, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.errorf("request failed with %d: %s", status, e.getClass().getName());
        }
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known != null ? known.getReasonPhrase() : "HTTP " + status;
        // the header at fault, so a client knows what to change
        String field = status == 415 ? HttpHeaders.CONTENT_TYPE : status == 406 ? HttpHeaders.ACCEPT : null;
        String detail = field == null ? title
                : field + " names a media type this operation does not " + (status == 415 ? "read" : "write");
        return respond(Problem.of(status, "http-" + status, title, detail, field), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        // Logged with its type only: messages of unexpected exceptions may carry personal data.
        LOG.errorf("unexpected failure: %s", e.getClass().getName());
        LOG.debug("unexpected failure", e);
        return respond(Problem.of(500, "internal", "Internal error",
                "The request could not be completed; nothing was accepted", null), uri);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        Problem body = uri != null ? problem.withInstance(instance(uri)) : problem;
        return Response.status(body.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /**
     * The problem's {@code instance}: the request path with each path parameter's value replaced by its name
     * ({@code /v1/admin/sms-numbers/{number}}), because path parameters may be personal data (phone numbers) and
     * problem bodies never echo what was sent.
     */
    public static String instance(UriInfo uri) {
        String path = uri.getPath();
        MultivaluedMap<String, String> parameters = uri.getPathParameters();
        if (parameters == null || parameters.isEmpty()) {
            return path;
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
                if (!segments[i].isEmpty() && parameter.getValue().contains(segments[i])) {
                    segments[i] = "{" + parameter.getKey() + "}";
                    break;
                }
            }
        }
        return String.join("/", segments);
    }

    /**
     * The JSON path ({@code choices[1].status}) of the member an object names twice, when that is why the parser
     * stopped ({@code StrictJson}); null for any other malformed JSON.
     */
    static String memberNamedTwice(JsonParseException e) {
        if (e.getOriginalMessage() == null || !e.getOriginalMessage().startsWith("Duplicate field")
                || e.getProcessor() == null) {
            return null;
        }
        Deque<JsonStreamContext> outward = new ArrayDeque<>();
        for (JsonStreamContext at = e.getProcessor().getParsingContext(); at != null && !at.inRoot();
                at = at.getParent()) {
            outward.push(at);
        }
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at : outward) { // from the outermost
            if (at.inArray()) {
                path.append('[').append(at.getCurrentIndex()).append(']');
            } else if (at.getCurrentName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(at.getCurrentName());
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    /** The JSON path ({@code identifiers[0].value}) Jackson had reached, or {@code body}. */
    public static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }

    /**
     * Whether the violation is about a whole request body: a constraint on a resource method's parameter that
     * no JAX-RS annotation binds to the URI, a header or the context.
     */
    static boolean isRequestBody(ConstraintViolation<?> v) {
        Path.MethodNode method = null;
        Path.ParameterNode parameter = null;
        int nodes = 0;
        for (Path.Node node : v.getPropertyPath()) {
            nodes++;
            if (node.getKind() == ElementKind.METHOD) {
                method = node.as(Path.MethodNode.class);
            } else if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.as(Path.ParameterNode.class);
            }
        }
        if (method == null || parameter == null || nodes != 2 || v.getRootBeanClass() == null) {
            return false;
        }
        Method declared = null;
        for (Class<?> c = v.getRootBeanClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                declared = c.getDeclaredMethod(method.getName(), method.getParameterTypes().toArray(Class[]::new));
            } catch (NoSuchMethodException e) {
                // declared higher up, or not at all
            }
        }
        if (declared == null || parameter.getParameterIndex() >= declared.getParameterCount()) {
            return false;
        }
        for (Annotation a : declared.getParameterAnnotations()[parameter.getParameterIndex()]) {
            String type = a.annotationType().getName();
            if (type.startsWith("jakarta.ws.rs.") || type.startsWith("org.jboss.resteasy.reactive.")) {
                return false;
            }
        }
        return true;
    }

    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() != ElementKind.PROPERTY && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                continue;
            }
            // the index of an element in a list belongs to the container before it: categories[0].id
            if (node.isInIterable() && node.getIndex() != null && field.length() > 0) {
                field.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() == null || node.getName().startsWith("<")) {
                continue;
            }
            if (field.length() > 0) {
                field.append('.');
            }
            field.append(node.getName());
        }
        if (field.length() > 0) {
            return field.toString();
        }
        return parameter != null ? parameter : "body";
    }
}
