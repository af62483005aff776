package io.consentline.audit.domain.chain;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.consentline.events.MalformedEventException;

/**
 * Which fields of an event's data are personal data, and the data without them. The full data is sealed under
 * the subject's key; what remains (the facts: purpose, statuses, source, policy version, site, agent, ...) stays
 * readable after erasure, so the log still shows what happened and when, but no longer who.
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

    private PersonalFields() {
    }

    /** The data (a JSON object) without its personal fields, as compact JSON text in the order received. */
    public static String strip(String dataJson) {
        JsonNode data;
        try {
            data = JSON.readTree(dataJson);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("event data is not JSON", e);
        }
        if (!(data instanceof ObjectNode object)) {
            throw new MalformedEventException("event data is not a JSON object");
        }
        return strip(object);
    }

    /** The data (already parsed) without its personal fields, as compact JSON text; the data is left as it is. */
    public static String strip(ObjectNode data) {
        return removeFrom(data.deepCopy());
    }

    /**
     * Removes the personal fields from the data itself and answers what is left, as compact JSON text: for a caller
     * done with the tree otherwise, which saves {@link #strip(ObjectNode)}'s copy.
     */
    public static String removeFrom(ObjectNode data) {
        for (String[] path : PATHS) {
            if (data.get(path[0]) instanceof ObjectNode parent) {
                parent.remove(path[1]);
            }
        }
        return data.toString();
    }
}
