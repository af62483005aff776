package io.consentline.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.kit.json.StrictJson;

class ProblemMappersTest {

    private static final ObjectMapper STRICT = strict();

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    /** The exception the strict mapper stops with on this body, read as a tree and as a map. */
    private static JsonParseException refusal(String json) {
        JsonParseException asTree = catchThrowableOfType(() -> STRICT.readValue(json, JsonNode.class),
                JsonParseException.class);
        JsonParseException asMap = catchThrowableOfType(() -> STRICT.readValue(json, Map.class),
                JsonParseException.class);
        assertThat(asTree).as("read as a tree").isNotNull();
        assertThat(asMap).as("read as a map").isNotNull();
        assertThat(ProblemMappers.memberNamedTwice(asMap)).isEqualTo(ProblemMappers.memberNamedTwice(asTree));
        return asTree;
    }

    @Test
    void aMemberNamedTwiceIsRefusedAndNamedByItsPath() {
        assertThat(ProblemMappers.memberNamedTwice(refusal("""
                {"granted": ["analytics"], "denied": [], "granted": []}"""))).isEqualTo("granted");
        assertThat(ProblemMappers.memberNamedTwice(refusal("""
                {"identifier": {"type": "phone", "value": "+447911123456", "value": "+447911123457"}}""")))
                .isEqualTo("identifier.value");
        assertThat(ProblemMappers.memberNamedTwice(refusal("""
                {"choices": [{"purpose": "a", "status": "GRANTED"}, {"purpose": "b", "status": "GRANTED",
                 "status": "DENIED"}]}"""))).isEqualTo("choices[1].status");
        assertThat(ProblemMappers.memberNamedTwice(refusal("""
                {"x": [{"a": 1}, {"b": {"c": [0, {"d": 1, "d": 2}]}}]}"""))).isEqualTo("x[1].b.c[1].d");
    }

    @Test
    void theSameNameInTwoObjectsIsNoDuplicate() throws Exception {
        assertThat(STRICT.readTree("""
                {"value": 1, "identifier": {"value": "v-1"}, "choices": [{"status": "a"}, {"status": "b"}]}""")
                .get("choices")).hasSize(2);
    }

    @Test
    void otherMalformedJsonIsNoDuplicate() {
        assertThat(ProblemMappers.memberNamedTwice(refusal("{\"a\": 1 \"b\": 2}"))).isNull();
        assertThat(ProblemMappers.memberNamedTwice(refusal("{\"a\": tru}"))).isNull();
    }
}
