package io.consentline.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.consentline.events.MalformedEventException;

class PersonalFieldsTest {

    @Test
    void identifierValuesAddressesUserAgentsAndMessageIdsAreRemoved() {
        String facts = PersonalFields.strip("""
                {"identifier":{"type":"phone","value":"+4915112345678"},"purpose":"marketing",
                 "evidence":{"ipAddress":"203.0.113.7","userAgent":"Mozilla","messageId":"SM1","siteId":"site-1",
                 "matchedRule":"keyword:STOP"}}""");

        assertThat(facts).isEqualTo("{\"identifier\":{\"type\":\"phone\"},\"purpose\":\"marketing\","
                + "\"evidence\":{\"siteId\":\"site-1\",\"matchedRule\":\"keyword:STOP\"}}");
    }

    @Test
    void dataWithoutPersonalFieldsIsKeptAsIs() {
        assertThat(PersonalFields.strip("{\"purpose\":\"x\",\"evidence\":null}"))
                .isEqualTo("{\"purpose\":\"x\",\"evidence\":null}");
    }

    @Test
    void stripLeavesTheTreeAsItIsAndRemoveFromTakesTheFieldsOutOfIt() throws Exception {
        String data = "{\"identifier\":{\"type\":\"phone\",\"value\":\"+4915112345678\"},"
                + "\"evidence\":{\"ipAddress\":\"203.0.113.7\",\"siteId\":\"site-1\"}}";
        ObjectNode tree = (ObjectNode) new ObjectMapper().readTree(data);

        String stripped = PersonalFields.strip(tree);
        assertThat(tree.toString()).isEqualTo(data);

        assertThat(PersonalFields.removeFrom(tree)).isEqualTo(stripped)
                .isEqualTo("{\"identifier\":{\"type\":\"phone\"},\"evidence\":{\"siteId\":\"site-1\"}}");
        assertThat(tree.toString()).isEqualTo(stripped);
    }

    @Test
    void dataThatIsNoObjectIsMalformed() {
        assertThatThrownBy(() -> PersonalFields.strip("[1]")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> PersonalFields.strip("{nope")).isInstanceOf(MalformedEventException.class);
    }
}
