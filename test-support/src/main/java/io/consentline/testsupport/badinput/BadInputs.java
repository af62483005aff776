package io.consentline.testsupport.badinput;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The generators every service's bad-input tests share: unicode edge cases, huge strings, invalid phone numbers
 * and e-mail addresses, random and wrongly typed JSON, deep nesting, bad instants and numbers, wrong media types.
 * Each one only ever yields values that are invalid for the use its name says.
 */
public final class BadInputs {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Characters that break naive handling: surrogates (lone and paired), bidi controls, zero-width, NUL, ... */
    private static final List<String> NASTY = List.of(
            "\uD800", "\uDFFF", "\uDBFF\uDFFF", "\uD83D\uDE00", "\uD83D\uDC69\u200D\uD83D\uDCBB", "\u202E", "\u202D",
            "\u2066", "\u200F", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u0007", "\u001B", "\u007F", "\u0085",
            "\u2028", "\u2029", "\uFFFE", "\uFFFF", "\u0301", "\u0336", "\u05D0", "\u0627", "\u4E2D", "\uFF0B",
            "\uFF11", "\u0661", "\u00A0", "\t", "\r\n", "\"", "\\", "'", "<script>", "%00", "${jndi:x}", "../",
            "' OR 1=1 --", ";", ",", "\u212A", "\u0130", "\u00DF");

    private BadInputs() {
    }

    /** Short texts built from edge-case characters, possibly around ordinary ones. */
    public static Arbitrary<String> unicodeEdge() {
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.of(NASTY),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(6));
        return piece.list().ofMinSize(1).ofMaxSize(8).map(parts -> String.join("", parts))
                .filter(s -> NASTY.stream().anyMatch(s::contains));
    }

    /** Short texts no database can hold as they are: with a NUL character or half a surrogate pair. */
    public static Arbitrary<String> unstorableText() {
        return Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.of("\u0000", "\uD800",
                "\uDFFF", "\uDBFF", "a\uDC00b"), Arbitraries.strings().alpha().ofMaxLength(8))
                .as((head, bad, tail) -> head + bad + tail);
    }

    /** A string of at least {@code minLength} characters (one character repeated, or a pattern of edge cases). */
    public static Arbitrary<String> hugeString(int minLength) {
        return Combinators.combine(Arbitraries.of("x", "x", "9", "\uD83D\uDE00", "\u202E", "a\u0301", "\u0000"),
                Arbitraries.integers().between(minLength, minLength * 4))
                .as((unit, length) -> unit.repeat(length / unit.length() + 1));
    }

    /**
     * Only the values that still fit in a URL once percent-encoded (at most 2,000 characters): URLs over 4,096
     * characters are refused with 414 before any endpoint runs (service-kit's {@code UrlLengthLimit}).
     */
    public static Arbitrary<String> fitsInUrl(Arbitrary<String> values) {
        // and only text that is UTF-8 at all: a lone surrogate cannot be percent-encoded (it would become '?')
        return values.filter(v -> BadCase.encode(v).length() <= 2_000
                && v.equals(new String(v.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Text that is no phone number in any region: too short, too long, letters, edge characters. */
    public static Arbitrary<String> invalidPhone() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "+", "++44", "12", "+0", "+00000000000", "+999999999999999999", "abc", "+44abc",
                        "+44 79 11 12 34 56 78 90 12", "0", "-1", "+1-", "()", "+44\u0000", "tel:", "\uFF0B\uFF14\uFF14",
                        "+447911123456\u202E", "+4\u200B4"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3),
                Arbitraries.strings().numeric().ofMinLength(18).ofMaxLength(40).map(d -> "+" + d),
                unicodeEdge().map(s -> "+44" + s + "x"),
                hugeString(300));
    }

    /** Text that is no e-mail address. */
    public static Arbitrary<String> invalidEmail() {
        return Arbitraries.oneOf(
                Arbitraries.of("", "@", "a@", "@b.example", "a@@b.example", "a b@c.example", "a@b@c", ".@.", "a@.",
                        "plainaddress", "a@b.example\u0000", "\u202Ea@b.example"),
                unicodeEdge().map(s -> s + "@"),
                hugeString(300).map(s -> s + "@example.com"));
    }

    /** Instants that do not parse as ISO-8601: other formats, overflows, edge characters. */
    public static Arbitrary<String> badInstant() {
        return Arbitraries.oneOf(
                Arbitraries.of("yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-23",
                        "2026-11-23T25:00:00Z", "2026-11-23T10:15:30", "1700000000", "-1", "now",
                        "+1000000000-01-01T00:00:00Z", "2026-11-23T10:15:30+25:00", "2026-11-23 10:15:30Z", "T", "Z",
                        "2026-11-23T10:15:30ZZ", "\u0032\u0030\u0032\u0036-11-23T10:15:30\u200BZ", "NaN", "{}", "[]"),
                unicodeEdge(),
                hugeString(300));
    }

    /** ISO-8601 instants that parse but lie outside years 1970 to 9999: no real consent, check or entry is there. */
    public static Arbitrary<String> outOfRangeInstant() {
        return Arbitraries.of("+1000000000-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "+99999-12-31T23:59:59Z", "-0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
                "+294277-01-01T00:00:00Z", "-4714-11-24T00:00:00Z");
    }

    /** Texts that are not whole numbers in any usual range: words, decimals, overflows, edge characters. */
    public static Arbitrary<String> badInteger() {
        return Arbitraries.oneOf(
                Arbitraries.of("abc", "1.5", "1e3", "0x10", "--1", "+-1", "9223372036854775808",
                        "99999999999999999999999999", "-9223372036854775809", "NaN", "Infinity", "1,000", "\uFF11",
                        "\u0661", "1\u0000", "true", "null", "[1]"),
                unicodeEdge(),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                hugeString(300));
    }

    /** Cursors that were never handed out: negative, non-numeric, huge, edge characters. */
    public static Arbitrary<String> badCursor() {
        return Arbitraries.oneOf(badInteger(), Arbitraries.longs().between(Long.MIN_VALUE, -1).map(l -> Long.toString(l)));
    }

    /** Media types a JSON endpoint does not consume. */
    public static Arbitrary<String> notJsonMediaType() {
        return Arbitraries.oneOf(
                Arbitraries.of("text/plain", "text/html", "application/xml", "text/xml", "application/octet-stream",
                        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "image/png",
                        "application/javascript", "text/csv", "application/x-ndjson", "application/yaml",
                        "application/jsonx", "application/vnd.api+xml", "audio/ogg"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> "application/x-" + s.toLowerCase()));
    }

    /** Media types no endpoint of ours produces, for Accept headers. */
    public static Arbitrary<String> unproducibleMediaType() {
        return Arbitraries.oneOf(Arbitraries.of("application/xml", "image/png", "text/html", "application/pdf",
                "audio/ogg", "application/vnd.ms-excel", "font/woff2"),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> "application/x-" + s.toLowerCase()));
    }

    /** Any JSON value, nested up to {@code depth} levels, with edge-case strings and odd numbers. */
    public static Arbitrary<JsonNode> randomJson(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.just(JSON.nullNode()),
                Arbitraries.of(true, false).map(b -> (JsonNode) JSON.booleanNode(b)),
                Arbitraries.longs().map(l -> (JsonNode) JSON.numberNode(l)),
                Arbitraries.doubles().map(d -> (JsonNode) JSON.numberNode(d)),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30), java.math.BigInteger.TEN.pow(40))
                        .map(b -> (JsonNode) JSON.numberNode(b)),
                Arbitraries.strings().ofMaxLength(20).map(s -> (JsonNode) JSON.textNode(s)),
                unicodeEdge().map(s -> (JsonNode) JSON.textNode(s)));
        if (depth <= 0) {
            return scalar;
        }
        Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> randomJson(depth - 1));
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode a = JSON.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Combinators.combine(
                Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8), unicodeEdge())
                        // a member name with half a surrogate pair makes the whole text unreadable
                        .filter(BadInputs::isUtf8).list().ofMaxSize(4),
                inner.list().ofSize(4))
                .as((keys, values) -> {
                    ObjectNode o = JSON.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        o.set(keys.get(i), values.get(i));
                    }
                    return o;
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar), net.jqwik.api.Tuple.of(2, array), net.jqwik.api.Tuple.of(2, object));
    }

    /** Any JSON value but an object (where a request body or a nested object belongs). */
    public static Arbitrary<JsonNode> notAnObject() {
        return randomJson(2).filter(n -> !n.isObject() && !n.isNull());
    }

    /** Any JSON value but an array (where a list belongs); Jackson never turns these into a list. */
    public static Arbitrary<JsonNode> notAnArray() {
        return randomJson(2).filter(n -> !n.isArray() && !n.isNull());
    }

    /** JSON values no reader turns into a string: objects and arrays (numbers and booleans would be coerced). */
    public static Arbitrary<JsonNode> notAString() {
        return randomJson(2).filter(JsonNode::isContainerNode);
    }

    /** Values that are not one of an enum's names: other words, numbers (never an index), containers. */
    public static Arbitrary<JsonNode> notAnEnumValue(List<String> names) {
        return Arbitraries.oneOf(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)
                        .filter(s -> names.stream().noneMatch(n -> n.equalsIgnoreCase(s)))
                        .map(s -> (JsonNode) JSON.textNode(s)),
                unicodeEdge().map(s -> (JsonNode) JSON.textNode(s)),
                Arbitraries.of(names).map(n -> (JsonNode) JSON.textNode(" " + n + "\u200B")),
                Arbitraries.integers().between(-3, 10).map(i -> (JsonNode) JSON.numberNode(i)),
                Arbitraries.just((JsonNode) JSON.textNode("")),
                notAString());
    }

    /** JSON text nested deeper than any reader should follow (arrays or objects, 1,001 to 20,000 levels). */
    public static Arbitrary<String> deeplyNested() {
        return Combinators.combine(Arbitraries.integers().between(1_001, 20_000), Arbitraries.of(true, false),
                Arbitraries.of(true, false))
                .as((depth, arrays, closed) -> {
                    String open = arrays ? "[" : "{\"a\":";
                    String close = arrays ? "]" : "}";
                    return open.repeat(depth) + "1" + (closed ? close.repeat(depth) : "");
                });
    }

    /** Text that is not JSON, derived from a valid body so it looks almost right. */
    public static Arbitrary<String> malformedJson(String validBody) {
        int n = validBody.length();
        Arbitrary<String> truncated = Arbitraries.integers().between(1, n - 1).map(i -> validBody.substring(0, i))
                .filter(BadInputs::notJson);
        Arbitrary<String> inserted = Combinators.combine(Arbitraries.integers().between(0, n),
                Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "'", "\\", "/*", "//", "\u0000", "NaN", "undefined",
                        ",,", "\u00ff"))
                .as((at, junk) -> validBody.substring(0, at) + junk + validBody.substring(at))
                .filter(BadInputs::notJson);
        Arbitrary<String> fixed = Arbitraries.of("", " ", "{", "}", "{]", "[", "{\"a\"}", "{'a':1}", "{a:1}",
                "{\"a\":1,}", "{\"a\":01}", "{\"a\":NaN}", "{\"a\":\"\\x\"}", "{\"a\":\"\\uZZZZ\"}", "nul", "tru",
                "{\"a\":1}}", "\"unterminated", "{\"a\":\"tab\there\"}", "{\"a\":1} trailing", "\uFEFF{}x",
                "<xml/>", "a=1&b=2", "{\"a\":-}", "{\"a\":1e99999x}");
        Arbitrary<String> garbage = Arbitraries.strings().ofMinLength(1).ofMaxLength(60).filter(BadInputs::notJson);
        return Arbitraries.oneOf(truncated, inserted, fixed, garbage);
    }

    /** Bytes that are not UTF-8 at all, inside an otherwise plausible body. */
    public static Arbitrary<byte[]> invalidUtf8(String validBody) {
        return Combinators.combine(Arbitraries.integers().between(0, validBody.length()),
                Arbitraries.of(new byte[] { (byte) 0xC0, (byte) 0x80 }, new byte[] { (byte) 0xFF },
                        new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, new byte[] { (byte) 0xF8, 1, 2, 3, 4 },
                        new byte[] { (byte) 0xE2, (byte) 0x82 }))
                .as((at, bad) -> {
                    byte[] head = validBody.substring(0, at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] tail = validBody.substring(at).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    byte[] all = new byte[head.length + bad.length + tail.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(bad, 0, all, head.length, bad.length);
                    System.arraycopy(tail, 0, all, head.length + bad.length, tail.length);
                    return all;
                });
    }

    /** Whether the text survives UTF-8 (no half surrogate pairs). */
    public static boolean isUtf8(String text) {
        return text.equals(new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    static boolean notJson(String text) {
        try {
            Json.MAPPER.readTree(text);
            return text.isBlank();
        } catch (Exception e) {
            return true;
        }
    }
}
