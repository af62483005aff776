package io.consentline.testsupport.badinput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Invalid JSON bodies derived from one valid body: a field given an invalid value or the wrong type, a required
 * field missing or null (each also with unknown extra members beside it), a body that is not an object, malformed
 * or not UTF-8, nested too deep, or over the size cap. Each invalid body says which field the problem must name.
 *
 * <pre>{@code
 * JsonBodyCases.of(VALID).required("siteId", "visitorId")
 *         .invalid("visitorId", BadInputs.unicodeEdge().map(TextNode::valueOf))
 *         .maxBytes(16_384).build()
 * }</pre>
 */
public final class JsonBodyCases {

    /** One invalid body and the field the problem must name ({@code body} for the body as a whole). */
    public record Body(String label, byte[] bytes, String field, int expectedStatus) {

        Body(String label, String text, String field) {
            this(label, text.getBytes(StandardCharsets.UTF_8), field, 0);
        }
    }

    /** Expected-field value meaning: some field must be named, whichever. */
    public static final String ANY_FIELD = "*";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String valid;
    private final List<Arbitrary<Body>> fieldCases = new ArrayList<>();
    private String bodyField = "body";
    private long maxBytes = -1;

    private JsonBodyCases(String valid) {
        this.valid = valid;
        Json.parse(valid);
    }

    public static JsonBodyCases of(String validBody) {
        return new JsonBodyCases(validBody);
    }

    /** Fields that must be present and not null: each is removed, or set to null. */
    public JsonBodyCases required(String... paths) {
        for (String path : paths) {
            fieldCases.add(Arbitraries.of(
                    new Body("missing " + path, Json.without(valid, path), path),
                    new Body("null " + path, Json.with(valid, path, JSON.nullNode()), path)));
        }
        return this;
    }

    /** The field at {@code path} given each of the invalid values; the problem names {@code path}. */
    public JsonBodyCases invalid(String path, Arbitrary<? extends JsonNode> values) {
        return invalid(path, values, path);
    }

    /** As {@link #invalid(String, Arbitrary)}, where the problem names {@code field} (e.g. a parent). */
    public JsonBodyCases invalid(String path, Arbitrary<? extends JsonNode> values, String field) {
        fieldCases.add(values.map(v -> new Body("invalid " + path, Json.with(valid, path, v), field)));
        return this;
    }

    /** Strings at {@code path} that are invalid there. */
    public JsonBodyCases invalidText(String path, Arbitrary<String> values) {
        return invalid(path, values.map(JSON::textNode), path);
    }

    /** Any of a body's invalid values, given as whole bodies with the field they break. */
    public JsonBodyCases invalidBodies(Arbitrary<Body> bodies) {
        fieldCases.add(bodies);
        return this;
    }

    /** The body cap: bodies over it must be refused with 413 naming {@code body}. */
    public JsonBodyCases maxBytes(long max) {
        this.maxBytes = max;
        return this;
    }

    /** The field name a problem about the body as a whole uses (default {@code body}). */
    public JsonBodyCases bodyField(String name) {
        this.bodyField = name;
        return this;
    }

    public Arbitrary<Body> build() {
        List<Tuple.Tuple2<Integer, Arbitrary<Body>>> all = new ArrayList<>();
        if (!fieldCases.isEmpty()) {
            Arbitrary<Body> field = Arbitraries.oneOf(fieldCases);
            all.add(Tuple.of(10, field));
            all.add(Tuple.of(3, Combinators.combine(field, extraNames(), BadInputs.randomJson(2).list().ofSize(3))
                    .as((b, names, values) -> new Body(b.label() + " + unknown members",
                            Json.withExtra(new String(b.bytes(), StandardCharsets.UTF_8), names, values),
                            b.field()))));
        }
        all.add(Tuple.of(2, BadInputs.notAnObject().map(n -> new Body("body not an object", Json.write(n), bodyField))));
        all.add(Tuple.of(2, Arbitraries.just(new Body("body is JSON null", "null", bodyField))));
        // a reader may stop at a member of the wrong shape before it reaches the syntax error: any field will do
        all.add(Tuple.of(3, BadInputs.malformedJson(valid).map(t -> new Body("malformed JSON", t, ANY_FIELD))));
        all.add(Tuple.of(1, BadInputs.invalidUtf8(valid).map(b -> new Body("not UTF-8", b, bodyField, 0))));
        all.add(Tuple.of(1, BadInputs.deeplyNested().map(t -> new Body("nested too deep", t, ANY_FIELD))));
        if (maxBytes > 0) {
            all.add(Tuple.of(1, Combinators.combine(Arbitraries.integers().between(1, 4 * 1024),
                    Arbitraries.of("x", "\uD83D\uDE00", " "))
                    .as((extra, unit) -> {
                        String pad = unit.repeat((int) (maxBytes / unit.getBytes(StandardCharsets.UTF_8).length) + extra);
                        return new Body("over the body cap", Json.withExtra(valid, List.of("padding"),
                                List.of(JSON.textNode(pad))).getBytes(StandardCharsets.UTF_8), "body", 413);
                    })));
        }
        List<Tuple.Tuple2<Integer, Arbitrary<Body>>> weighted = new ArrayList<>(all);
        return Arbitraries.frequencyOf(weighted.toArray(new Tuple.Tuple2[0]));
    }

    private static Arbitrary<List<String>> extraNames() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                BadInputs.unicodeEdge(), Arbitraries.of("__proto__", "constructor", "$where", "@type", "class", "tenant"))
                // a member name with half a surrogate pair makes the whole body unreadable: that is another case
                .filter(name -> name.equals(new String(name.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)))
                .list().ofSize(3);
    }
}
