package io.consentline.testsupport.badinput;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads valid bodies and writes changed copies of them, addressing fields by path ({@code a.b[0].c}). */
public final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper ESCAPING = new ObjectMapper()
            .enable(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private static final Pattern STEP = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)]");

    private Json() {
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    public static String write(JsonNode node) {
        try {
            String text = MAPPER.writeValueAsString(node);
            // half a surrogate pair cannot be UTF-8: send it as a \\uD800 escape, which JSON allows
            boolean utf8 = text.equals(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
            return utf8 ? text : ESCAPING.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A copy of {@code body} with the value at {@code path} replaced (the path's parent must exist). */
    public static String with(String body, String path, JsonNode value) {
        JsonNode root = parse(body);
        List<Object> steps = steps(path);
        JsonNode parent = walk(root, steps.subList(0, steps.size() - 1));
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String name) {
            ((ObjectNode) parent).set(name, value);
        } else {
            ((ArrayNode) parent).set((Integer) last, value);
        }
        return write(root);
    }

    /** A copy of {@code body} without the field at {@code path}. */
    public static String without(String body, String path) {
        JsonNode root = parse(body);
        List<Object> steps = steps(path);
        JsonNode parent = walk(root, steps.subList(0, steps.size() - 1));
        Object last = steps.get(steps.size() - 1);
        if (last instanceof String name) {
            ((ObjectNode) parent).remove(name);
        } else {
            ((ArrayNode) parent).remove((Integer) last);
        }
        return write(root);
    }

    /** A copy of {@code body} (an object) with more, unknown members at the top level. */
    public static String withExtra(String body, List<String> names, List<JsonNode> values) {
        ObjectNode root = (ObjectNode) parse(body);
        for (int i = 0; i < names.size() && i < values.size(); i++) {
            if (!root.has(names.get(i))) {
                root.set(names.get(i), values.get(i));
            }
        }
        return write(root);
    }

    private static JsonNode walk(JsonNode root, List<Object> steps) {
        JsonNode node = root;
        for (Object step : steps) {
            node = step instanceof String name ? node.get(name) : node.get((Integer) step);
            if (node == null) {
                throw new IllegalArgumentException("no such path in the template: " + steps);
            }
        }
        return node;
    }

    private static List<Object> steps(String path) {
        List<Object> steps = new ArrayList<>();
        Matcher m = STEP.matcher(path);
        while (m.find()) {
            steps.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return steps;
    }
}
