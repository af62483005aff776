package io.consentline.events;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Encodes and decodes {@link CloudEvent}s as structured-mode JSON. Decoding checks the envelope and the
 * payload's required fields, so a consumer either gets a complete event or a {@link MalformedEventException}.
 */
public final class EventCodec {

    /**
     * Package-private for tests only. An object that names a member twice is refused wherever it is read: readers
     * disagree on which value counts (a tree keeps the last, others the first), and an event open to two readings
     * proves nothing. The check costs ~0.2 µs a record (docs/benchmarks.md, twentieth round).
     */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .registerModule(new JavaTimeModule())
            // registered after JavaTimeModule, so its reader of instants is the one used (fast path, same results)
            .registerModule(new SimpleModule("utc-instants").addDeserializer(Instant.class,
                    new UtcInstantDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Newer producers may add fields: old consumers ignore them (forward compatibility).
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private EventCodec() {
    }

    public static String encode(CloudEvent<?> event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be encoded: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses a record value into a JSON tree, once, for a consumer that needs both the event
     * ({@link #submissionFrom(JsonNode)}, {@link #changeFrom(JsonNode)}) and parts of the JSON as received.
     */
    public static JsonNode parse(String json) {
        requireValue(json);
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvents JSON event: " + describe(e), e);
        }
    }

    public static CloudEvent<ConsentSubmission> decodeSubmission(String json) {
        requireValue(json);
        return checkedSubmission(decode(() -> MAPPER.readValue(json, typeOf(ConsentSubmission.class)),
                EventTypes.SUBMISSION));
    }

    /** The submission in a tree made by {@link #parse(String)}: the same checks as from the text. */
    public static CloudEvent<ConsentSubmission> submissionFrom(JsonNode tree) {
        return checkedSubmission(decode(() -> MAPPER.readValue(MAPPER.treeAsTokens(tree),
                typeOf(ConsentSubmission.class)), EventTypes.SUBMISSION));
    }

    private static CloudEvent<ConsentSubmission> checkedSubmission(CloudEvent<ConsentSubmission> event) {
        ConsentSubmission s = event.data();
        List<String> missing = new ArrayList<>();
        requireIdentifier(s.identifier(), missing);
        require(s.channel(), "data.channel", missing);
        require(s.source(), "data.source", missing);
        require(s.submittedAt(), "data.submittedAt", missing);
        if (s.choices() == null || s.choices().isEmpty()) {
            missing.add("data.choices");
        } else {
            for (int i = 0; i < s.choices().size(); i++) {
                PurposeChoice c = s.choices().get(i);
                if (c == null || c.purpose() == null || c.purpose().isBlank() || c.status() == null) {
                    missing.add("data.choices[" + i + "]");
                }
            }
        }
        failIfMissing(missing);
        return event;
    }

    public static CloudEvent<ConsentChanged> decodeChange(String json) {
        requireValue(json);
        return checkedChange(decode(() -> MAPPER.readValue(json, typeOf(ConsentChanged.class)), EventTypes.CHANGED));
    }

    /** The change in a tree made by {@link #parse(String)}: the same checks as from the text. */
    public static CloudEvent<ConsentChanged> changeFrom(JsonNode tree) {
        return checkedChange(decode(() -> MAPPER.readValue(MAPPER.treeAsTokens(tree), typeOf(ConsentChanged.class)),
                EventTypes.CHANGED));
    }

    private static CloudEvent<ConsentChanged> checkedChange(CloudEvent<ConsentChanged> event) {
        ConsentChanged c = event.data();
        List<String> missing = new ArrayList<>();
        require(c.subjectId(), "data.subjectId", missing);
        requireIdentifier(c.identifier(), missing);
        require(c.purpose(), "data.purpose", missing);
        require(c.channel(), "data.channel", missing);
        require(c.after(), "data.after", missing);
        require(c.source(), "data.source", missing);
        require(c.changedAt(), "data.changedAt", missing);
        failIfMissing(missing);
        return event;
    }

    public static CloudEvent<ConsentStateSnapshot> decodeState(String json) {
        requireValue(json);
        CloudEvent<ConsentStateSnapshot> event = decode(() -> MAPPER.readValue(json,
                typeOf(ConsentStateSnapshot.class)), EventTypes.STATE);
        List<String> missing = new ArrayList<>();
        require(event.data().subjectId(), "data.subjectId", missing);
        require(event.data().consents(), "data.consents", missing);
        require(event.data().asOf(), "data.asOf", missing);
        failIfMissing(missing);
        return event;
    }

    /** Reads an event, from text or from a tree. */
    @FunctionalInterface
    private interface Reading<T> {
        CloudEvent<T> read() throws IOException;
    }

    private static JavaType typeOf(Class<?> dataType) {
        return MAPPER.getTypeFactory().constructParametricType(CloudEvent.class, dataType);
    }

    private static void requireValue(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record value");
        }
    }

    private static <T> CloudEvent<T> decode(Reading<T> reading, String expectedType) {
        CloudEvent<T> event;
        try {
            event = reading.read();
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not a CloudEvents JSON event: " + describe(e), e);
        } catch (IOException e) {
            throw new MalformedEventException("not a CloudEvents JSON event", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // the record's compact constructor refuses missing envelope attributes
            throw new MalformedEventException("incomplete CloudEvents envelope: " + e.getMessage(), e);
        }
        if (event == null) {
            throw new MalformedEventException("not a CloudEvents JSON event: null");
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion())) {
            throw new MalformedEventException("unsupported specversion: " + event.specversion());
        }
        if (!expectedType.equals(event.type())) {
            throw new MalformedEventException("unexpected event type: " + event.type());
        }
        if (event.data() == null) {
            throw new MalformedEventException("event has no data");
        }
        return event;
    }

    /**
     * What is wrong with unreadable JSON, by place and kind only. Jackson's own messages quote the offending value
     * (e.g. {@code from String "+447911123456": not one of the values accepted}), which may be personal data; this
     * reason ends up in logs and dead-letter headers.
     */
    static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        if (namesAMemberTwice(e)) {
            return "a member is named twice" + where; // the name is not quoted: a crafted event may use a value as one
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return "field '" + path + "' has the wrong type or an unknown value";
        }
        return "not valid JSON" + where;
    }

    /** Whether the parser refused an object that names a member twice (when binding, wrapped in a mapping error). */
    private static boolean namesAMemberTwice(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonParseException parse && parse.getOriginalMessage() != null
                    && parse.getOriginalMessage().startsWith("Duplicate field")) {
                return true;
            }
        }
        return false;
    }

    private static void requireIdentifier(Identifier identifier, List<String> missing) {
        if (identifier == null || identifier.value().isBlank()) {
            missing.add("data.identifier");
        }
    }

    private static void require(Object value, String field, List<String> missing) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            missing.add(field);
        }
    }

    private static void failIfMissing(List<String> missing) {
        if (!missing.isEmpty()) {
            throw new MalformedEventException("missing required fields: " + String.join(", ", missing));
        }
    }
}
