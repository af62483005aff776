package io.consentline.testsupport.badinput;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every answer to bad input must be: a 4xx (never 2xx, never 5xx) RFC 9457 problem+json with type, title
 * and the same status, naming the field at fault where there is one, and no stack trace, Java class name or echo
 * of a long rejected value.
 */
public final class ProblemCheck {

    /** Stack frames, source positions, exception class names and fully qualified names of our libraries. */
    private static final Pattern LEAK = Pattern.compile(
            "\\bat [\\w$.]+\\([\\w$]*\\.java:\\d+\\)|\\.java:\\d+|\\b[A-Z]\\w*(Exception|Error)\\b"
                    + "|\\b(java|javax|jakarta|io\\.quarkus|io\\.vertx|io\\.netty|io\\.smallrye|com\\.fasterxml"
                    + "|org\\.hibernate|org\\.jboss|io\\.consentline|org\\.postgresql|org\\.apache)\\.[a-z]");
    private static final int MAX_PROBLEM_BYTES = 8 * 1024;

    private ProblemCheck() {
    }

    /** Everything wrong with the answer to {@code c}; empty when it is a proper refusal. */
    public static List<String> violations(BadCase c, int expectedStatus, int status, String contentType, String body) {
        if (expectedStatus == 200) {
            return lineErrors(c, status, contentType, body);
        }
        List<String> wrong = new ArrayList<>();
        if (status < 400 || status > 499) {
            wrong.add("status " + status + " is not 4xx");
        } else if (expectedStatus > 0 && status != expectedStatus) {
            wrong.add("status " + status + ", expected " + expectedStatus);
        }
        if (contentType == null || !contentType.toLowerCase().startsWith("application/problem+json")) {
            wrong.add("Content-Type " + contentType + " is not application/problem+json");
        }
        if (body == null || body.isEmpty()) {
            wrong.add("empty body");
            return wrong;
        }
        if (body.length() > MAX_PROBLEM_BYTES) {
            wrong.add("problem body of " + body.length() + " characters: does it echo the input?");
        }
        if (LEAK.matcher(body).find()) {
            wrong.add("body leaks implementation details: " + LEAK.matcher(body).results().findFirst().get().group());
        }
        JsonNode problem;
        try {
            problem = Json.parse(body);
        } catch (IllegalArgumentException e) {
            wrong.add("body is not JSON");
            return wrong;
        }
        if (!problem.path("type").isTextual() || problem.path("type").asText().isBlank()) {
            wrong.add("no type");
        }
        if (!problem.path("title").isTextual() || problem.path("title").asText().isBlank()) {
            wrong.add("no title");
        }
        if (problem.path("status").asInt(-1) != status) {
            wrong.add("status member " + problem.path("status") + " differs from the HTTP status " + status);
        }
        // the body cap is checked before anything in the body: a 413 naming the body is right for any body case
        boolean overTheCap = status == 413 && "body".equals(problem.path("field").asText(null));
        if (c.field() != null && !overTheCap && !namesField(problem, c.field())) {
            wrong.add("field " + problem.path("field") + " (errors " + problem.path("errors") + ") does not name "
                    + c.field());
        }
        return wrong;
    }

    /**
     * For streamed NDJSON imports, where each line is answered on its own: 200, every input line answered with an
     * {@code error} naming the field, and a summary with nothing imported and no error of the service's own.
     */
    static List<String> lineErrors(BadCase c, int status, String contentType, String body) {
        List<String> wrong = new ArrayList<>();
        if (status != 200) {
            wrong.add("status " + status + ", expected 200 with an error per line");
            return wrong;
        }
        if (LEAK.matcher(body).find()) {
            wrong.add("body leaks implementation details: " + LEAK.matcher(body).results().findFirst().get().group());
        }
        boolean summary = false;
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode answer;
            try {
                answer = Json.parse(line);
            } catch (IllegalArgumentException e) {
                wrong.add("answer line is not JSON: " + line);
                continue;
            }
            if (answer.has("summary")) {
                summary = true;
                JsonNode s = answer.get("summary");
                if (s.has("error") && !s.get("error").isNull()) {
                    wrong.add("summary has an error of the service's own: " + s.get("error"));
                }
                if (s.path("imported").asLong(-1) != 0) {
                    wrong.add("summary says " + s.path("imported") + " lines were imported");
                }
            } else if (!answer.hasNonNull("error")) {
                wrong.add("a line was accepted: " + line);
            } else if (c.field() != null && !related(answer.path("field").asText(null), c.field())) {
                wrong.add("line error field " + answer.path("field") + " does not name " + c.field());
            }
        }
        if (!summary) {
            wrong.add("no summary line");
        }
        return wrong;
    }

    /**
     * The problem names the expected field, a part of it or the part it belongs to: {@code identifiers[0]} for
     * {@code identifiers[0].value}, or the other way round (readers report what they could not read).
     */
    static boolean namesField(JsonNode problem, String expected) {
        if (related(problem.path("field").asText(null), expected)) {
            return true;
        }
        for (JsonNode error : problem.path("errors")) {
            if (related(error.path("field").asText(null), expected)) {
                return true;
            }
        }
        return false;
    }

    static boolean related(String named, String expected) {
        if (named == null || named.isEmpty()) {
            return false;
        }
        if (expected.equals(JsonBodyCases.ANY_FIELD)) {
            return true;
        }
        return named.equals(expected) || within(named, expected) || within(expected, named);
    }

    private static boolean within(String inner, String outer) {
        return inner.startsWith(outer) && (inner.charAt(outer.length()) == '.' || inner.charAt(outer.length()) == '[');
    }
}
