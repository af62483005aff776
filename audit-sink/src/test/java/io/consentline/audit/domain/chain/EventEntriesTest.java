package io.consentline.audit.domain.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.consentline.audit.domain.InvalidChangeException;
import io.consentline.audit.domain.LogPosition;
import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;

class EventEntriesTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    private static final String PHONE = "+4915112345678";

    private static CloudEvent<ConsentChanged> change(String tenant, ConsentStatus before) {
        ConsentChanged data = new ConsentChanged("subject-1", new Identifier(IdentifierType.PHONE, PHONE),
                "sales_calls", Channel.VOICE, before, ConsentStatus.DENIED, ConsentSource.AGENT, "2026-01", null,
                Evidence.ofAgent("agent-7", "rec-1"), AT, "request-1");
        return CloudEvent.of("event-1", "/consent-service", EventTypes.CHANGED, tenant, "subject-1", AT, data);
    }

    private static ObjectNode dataOf(CloudEvent<?> event) {
        return (ObjectNode) EventCodec.parse(EventCodec.encode(event)).get("data");
    }

    @Test
    void aChangeIsRecordedInWireNamesWithTheIdentifierOnlyAsItsHash() {
        CloudEvent<ConsentChanged> event = change("acme", ConsentStatus.GRANTED);
        LogPosition position = new LogPosition("consent.changes.v1", 2, 41);

        PendingEntry entry = EventEntries.change(event, dataOf(event), "hash-1", position);

        assertThat(entry.eventId()).isEqualTo("event-1");
        assertThat(entry.eventType()).isEqualTo(EventTypes.CHANGED);
        assertThat(entry.identifierHash()).isEqualTo("hash-1");
        assertThat(entry.identifierType()).isEqualTo("phone");
        assertThat(entry.purposes()).containsExactly("sales_calls");
        assertThat(entry.channel()).isEqualTo("voice");
        assertThat(entry.statusBefore()).isEqualTo("GRANTED");
        assertThat(entry.statusAfter()).isEqualTo("DENIED");
        assertThat(entry.source()).isEqualTo("agent");
        assertThat(entry.causationId()).isEqualTo("request-1");
        assertThat(entry.position()).isEqualTo(position);
        assertThat(entry.facts()).doesNotContain(PHONE).contains("agent-7", "2026-01");
        assertThat(entry.personalJson()).contains(PHONE).doesNotContain("agent-7", "sales_calls");
        assertThat(entry.toString()).doesNotContain(PHONE);
    }

    @Test
    void aSubmissionKeepsEveryPurposeItAnswered() {
        ConsentSubmission data = new ConsentSubmission(new Identifier(IdentifierType.PHONE, PHONE), Channel.SMS,
                ConsentSource.SMS_KEYWORD, List.of(new PurposeChoice(PurposeChoice.ALL_PURPOSES, ConsentStatus.DENIED)),
                null, "en", Evidence.ofInboundSms("SM123", "keyword:STOP"), AT);
        CloudEvent<ConsentSubmission> event = CloudEvent.of("sub-1", "/preference-gateway", EventTypes.SUBMISSION,
                "acme", "phone:x", AT, data);

        PendingEntry entry = EventEntries.submission(event, dataOf(event), "hash-1", null);

        assertThat(entry.eventType()).isEqualTo(EventTypes.SUBMISSION);
        assertThat(entry.purposes()).containsExactly("*");
        assertThat(entry.source()).isEqualTo("sms-keyword");
        assertThat(entry.subjectId()).isNull();
        assertThat(entry.statusAfter()).isNull();
        assertThat(entry.facts()).doesNotContain(PHONE).doesNotContain("SM123").contains("keyword:STOP");
    }

    /**
     * The consumer parses each record once, and the tree is used up by the split. What is stored must not depend on
     * that: the facts are the data as received without its personal fields, and facts and sealed personal fields
     * together give back the data as received.
     */
    @Test
    void oneParseOfARecordGivesFactsAndPersonalFieldsThatRestoreTheDataAsReceived() throws Exception {
        ConsentChanged change = new ConsentChanged("subject-\u00e9", new Identifier(IdentifierType.EMAIL,
                "j\u00f6rg@example.org"), "sales_calls", Channel.WEB, null, ConsentStatus.GRANTED,
                ConsentSource.BANNER, "2026-01", "sha256:p\"q\\", new Evidence("203.0.113.7", "Mozilla/5.0 \u2603",
                        "site-1", null, "agent-7", "rec-1", "SM9", null, true),
                Instant.parse("2026-11-23T10:15:30.123456Z"), "request-1");
        CloudEvent<ConsentChanged> changed = CloudEvent.of("event-1", "/consent-service", EventTypes.CHANGED, "acme",
                "subject-1", AT, change);
        ConsentSubmission submission = new ConsentSubmission(new Identifier(IdentifierType.PHONE, PHONE),
                Channel.SMS, ConsentSource.SMS_KEYWORD, List.of(new PurposeChoice("a", ConsentStatus.DENIED),
                        new PurposeChoice("b", ConsentStatus.GRANTED)), null, "en",
                Evidence.ofInboundSms("SM123", "keyword:STOP"), AT);
        CloudEvent<ConsentSubmission> submitted = CloudEvent.of("sub-1", "/preference-gateway",
                EventTypes.SUBMISSION, "acme", "phone:x", AT, submission);
        String changedJson = EventCodec.encode(changed).replace("\"specversion\"", "\"future\":[1,2.5,null],\"specversion\"");
        String submittedJson = EventCodec.encode(submitted);

        PendingEntry changeEntry = EventEntries.change(EventCodec.changeFrom(EventCodec.parse(changedJson)),
                (ObjectNode) EventCodec.parse(changedJson).get("data"), "hash-1", null);
        PendingEntry submissionEntry = EventEntries.submission(
                EventCodec.submissionFrom(EventCodec.parse(submittedJson)),
                (ObjectNode) EventCodec.parse(submittedJson).get("data"), "hash-1", null);

        assertThat(changeEntry.facts())
                .isEqualTo(PersonalFields.split(tree(dataAsReceived(changedJson))).facts());
        assertThat(tree(PersonalFields.restore(changeEntry.facts(), changeEntry.personalJson())))
                .isEqualTo(tree(dataAsReceived(changedJson)));
        assertThat(submissionEntry.facts())
                .isEqualTo(PersonalFields.split(tree(dataAsReceived(submittedJson))).facts());
        assertThat(tree(PersonalFields.restore(submissionEntry.facts(), submissionEntry.personalJson())))
                .isEqualTo(tree(dataAsReceived(submittedJson)));
        assertThat(changeEntry.facts()).doesNotContain("j\u00f6rg", "203.0.113.7", "Mozilla", "SM9")
                .contains("site-1", "agent-7");
        assertThat(changeEntry.personalJson()).contains("j\u00f6rg", "203.0.113.7", "Mozilla", "SM9")
                .doesNotContain("site-1", "agent-7", "sales_calls");
    }

    private static ObjectNode tree(String json) throws Exception {
        return (ObjectNode) new ObjectMapper().readTree(json);
    }

    /** The data as received, parsed apart from the consumer's parse. */
    private static String dataAsReceived(String value) {
        return new io.vertx.core.json.JsonObject(value).getJsonObject("data").encode();
    }

    @Test
    void anErasureHoldsNothingPersonal() {
        PendingEntry entry = EventEntries.erasure("acme", "e-9", "hash-1", "phone", null, 1, "admin-1", AT);

        assertThat(entry.eventType()).isEqualTo(EventEntries.ERASURE);
        assertThat(entry.personalJson()).isNull();
        assertThat(entry.facts()).contains("\"keysErased\":1", "admin-1");
    }

    @Test
    void sourcesAreRecordedByTheirWireNames() {
        assertThat(EventEntries.sourceName(ConsentSource.SMS_KEYWORD)).isEqualTo("sms-keyword");
        assertThat(EventEntries.sourceName(ConsentSource.IMPORT)).isEqualTo("import");
    }

    @Test
    void aTenantThatIsNoValidTenantIdCannotBeRecorded() {
        CloudEvent<ConsentChanged> event = change("ACME Corp", null);
        assertThatThrownBy(() -> EventEntries.change(event, dataOf(event), "h", null))
                .isInstanceOf(InvalidChangeException.class).hasMessageContaining("invalid tenant id");
    }
}
