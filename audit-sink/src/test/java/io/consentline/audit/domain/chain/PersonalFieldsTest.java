package io.consentline.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class PersonalFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DATA = """
            {"identifier":{"type":"phone","value":"+4915112345678"},"purpose":"marketing",
             "evidence":{"ipAddress":"203.0.113.7","userAgent":"Mozilla","messageId":"SM1","siteId":"site-1",
             "matchedRule":"keyword:STOP","name":null}}""";

    @Test
    void identifierValuesAddressesUserAgentsMessageIdsAndNamesAreSplitOff() throws Exception {
        PersonalFields.Split split = split(DATA);

        assertThat(split.facts()).isEqualTo("{\"identifier\":{\"type\":\"phone\"},\"purpose\":\"marketing\","
                + "\"evidence\":{\"siteId\":\"site-1\",\"matchedRule\":\"keyword:STOP\"}}");
        assertThat(split.personal()).isEqualTo("{\"identifier\":{\"value\":\"+4915112345678\"},"
                + "\"evidence\":{\"ipAddress\":\"203.0.113.7\",\"userAgent\":\"Mozilla\",\"messageId\":\"SM1\","
                + "\"name\":null}}");
    }

    @Test
    void dataWithoutPersonalFieldsIsKeptAsIsAndNothingIsSplitOff() throws Exception {
        PersonalFields.Split split = split("{\"purpose\":\"x\",\"evidence\":null}");

        assertThat(split.facts()).isEqualTo("{\"purpose\":\"x\",\"evidence\":null}");
        assertThat(split.personal()).isEqualTo("{}");
    }

    @Test
    void splittingAParsedTreeMovesThePersonalFieldsOutOfIt() throws Exception {
        ObjectNode tree = (ObjectNode) JSON.readTree(DATA);

        PersonalFields.Split split = PersonalFields.split(tree);

        assertThat(tree.toString()).isEqualTo(split.facts());
    }

    @Test
    void factsAndPersonalFieldsRestoreTheDataAsReceived() throws Exception {
        PersonalFields.Split split = split(DATA);

        assertThat(tree(PersonalFields.restore(split.facts(), split.personal()))).isEqualTo(tree(DATA));
    }

    /** Entries recorded before the split sealed the whole data: they restore the same way. */
    @Test
    void anEntryThatSealedTheWholeDataRestoresItToo() throws Exception {
        PersonalFields.Split split = split(DATA);

        assertThat(tree(PersonalFields.restore(split.facts(), DATA))).isEqualTo(tree(DATA));
    }

    @Test
    void aPersonalFieldWhoseObjectIsNotInTheFactsGetsItsObjectBack() throws Exception {
        String restored = PersonalFields.restore("{\"purpose\":\"x\"}", "{\"identifier\":{\"value\":\"+1\"}}");

        assertThat(tree(restored)).isEqualTo(tree("{\"purpose\":\"x\",\"identifier\":{\"value\":\"+1\"}}"));
    }

    @Test
    void storedTextThatIsNoObjectIsRefused() {
        assertThatThrownBy(() -> PersonalFields.restore("[1]", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PersonalFields.restore("{}", "nope")).isInstanceOf(IllegalArgumentException.class);
    }

    private static PersonalFields.Split split(String json) throws Exception {
        return PersonalFields.split((ObjectNode) JSON.readTree(json));
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }
}
