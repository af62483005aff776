package io.consentline.audit.domain.chain;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Which fields of an event's data are personal data, and how an entry keeps them apart from the rest. The personal
 * fields are sealed under the subject's key; what remains (the facts: purpose, statuses, source, policy version,
 * site, agent, ...) stays readable after erasure, so the log still shows what happened and when, but no longer who.
 * An access request puts the two back together ({@link #restore}).
 */
public final class PersonalFields {

    /** JSON paths (object, field) of personal data in {@code consent.*} event data. */
    static final List<String[]> PATHS = List.of(
            new String[] { "identifier", "value" },
            new String[] { "evidence", "ipAddress" },
            new String[] { "evidence", "userAgent" },
            new String[] { "evidence", "messageId" },
            new String[] { "evidence", "name" });

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * An event's data split in two, each as compact JSON text.
     *
     * @param facts the data without its personal fields, in the order received
     * @param personal only the personal fields, at the same paths ({@code {"identifier":{"value":…},
     *        "evidence":{"ipAddress":…}}}); {@code {}} when the data has none
     */
    public record Split(String facts, String personal) {
    }

    private PersonalFields() {
    }

    /**
     * The data (already parsed) split into facts and personal fields. The tree is used up: the personal fields are
     * moved out of it (no copy of it is made).
     */
    public static Split split(ObjectNode data) {
        ObjectNode personal = JSON.createObjectNode();
        for (String[] path : PATHS) {
            if (data.get(path[0]) instanceof ObjectNode parent && parent.has(path[1])) {
                put(personal, path, parent.remove(path[1]));
            }
        }
        return new Split(data.toString(), personal.toString());
    }

    /**
     * The data as received, put back together from its facts and its opened personal fields. Entries recorded
     * before the split sealed the whole data instead of its personal fields; the same call restores those, since
     * only the personal paths are taken from what was sealed.
     *
     * @throws IllegalArgumentException when either is not the JSON text of an object
     */
    public static String restore(String facts, String sealedJson) {
        ObjectNode data = object(facts);
        ObjectNode sealed = object(sealedJson);
        for (String[] path : PATHS) {
            if (sealed.get(path[0]) instanceof ObjectNode from && from.has(path[1])) {
                put(data, path, from.get(path[1]));
            }
        }
        return data.toString();
    }

    /** Sets {@code value} at {@code path} of {@code tree}, making the parent object when it is missing. */
    private static void put(ObjectNode tree, String[] path, JsonNode value) {
        ObjectNode parent = tree.get(path[0]) instanceof ObjectNode existing ? existing : tree.putObject(path[0]);
        parent.set(path[1], value);
    }

    private static ObjectNode object(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not JSON", e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IllegalArgumentException("is not a JSON object");
        }
        return object;
    }
}
