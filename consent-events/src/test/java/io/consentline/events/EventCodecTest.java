package io.consentline.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static CloudEvent<ConsentSubmission> bannerSubmission() {
        ConsentSubmission submission = new ConsentSubmission(
                new Identifier(IdentifierType.VISITOR, "v-123"),
                Channel.WEB,
                ConsentSource.BANNER,
                List.of(new PurposeChoice("analytics", ConsentStatus.GRANTED),
                        new PurposeChoice("marketing", ConsentStatus.DENIED)),
                "2026-01",
                "en",
                Evidence.ofBanner("site-1", "203.0.113.9", "Mozilla/5.0"),
                Instant.parse("2026-11-23T10:00:00Z"));
        return CloudEvent.of("evt-1", "/preference-gateway", EventTypes.SUBMISSION, "acme", "visitor:v-123",
                submission.submittedAt(), submission);
    }

    @Test
    void submissionSurvivesARoundTrip() {
        CloudEvent<ConsentSubmission> event = bannerSubmission();

        CloudEvent<ConsentSubmission> decoded = EventCodec.decodeSubmission(EventCodec.encode(event));

        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void encodedEventUsesCloudEventsAttributeNamesAndWireEnums() {
        String json = EventCodec.encode(bannerSubmission());

        assertThat(json).contains("\"specversion\":\"1.0\"", "\"type\":\"consent.submission.v1\"",
                "\"tenant\":\"acme\"", "\"channel\":\"web\"", "\"source\":\"banner\"", "\"type\":\"visitor\"",
                "\"time\":\"2026-11-23T10:00:00Z\"");
    }

    @Test
    void changeSurvivesARoundTrip() {
        ConsentChanged change = new ConsentChanged("subj-1", new Identifier(IdentifierType.VISITOR, "v-1"),
                "analytics", Channel.WEB, null, ConsentStatus.GRANTED, ConsentSource.BANNER, "2026-01", null,
                Evidence.ofBanner("site-1", null, null), Instant.parse("2026-11-23T10:00:00Z"), "evt-1");
        CloudEvent<ConsentChanged> event = CloudEvent.of("chg-1", "/consent-service", EventTypes.CHANGED, "acme",
                "subj-1", change.changedAt(), change);

        assertThat(EventCodec.decodeChange(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void anEventDecodedFromItsParsedTreeEqualsTheOneDecodedFromItsText() {
        String submission = EventCodec.encode(bannerSubmission());
        ConsentChanged change = new ConsentChanged("subj-1", new Identifier(IdentifierType.PHONE, "+447911123456"),
                "sales_calls", Channel.VOICE, ConsentStatus.GRANTED, ConsentStatus.DENIED, ConsentSource.AGENT,
                "2026-01", "sha256:p", Evidence.ofAgent("agent-7", "rec-1"), Instant.parse("2026-11-23T10:00:00.123456Z"),
                "evt-1");
        String changed = EventCodec.encode(CloudEvent.of("chg-1", "/consent-service", EventTypes.CHANGED, "acme",
                "subj-1", change.changedAt(), change));

        assertThat(EventCodec.submissionFrom(EventCodec.parse(submission)))
                .isEqualTo(EventCodec.decodeSubmission(submission));
        assertThat(EventCodec.changeFrom(EventCodec.parse(changed))).isEqualTo(EventCodec.decodeChange(changed));
    }

    @Test
    void aParsedTreeIsCheckedLikeTheText() {
        String missingChannel = EventCodec.encode(bannerSubmission()).replace("\"channel\":\"web\",", "");
        String wrongEnum = EventCodec.encode(bannerSubmission())
                .replace("\"channel\":\"web\"", "\"channel\":\"+447911123456\"");
        String missingId = EventCodec.encode(bannerSubmission()).replace("\"id\":\"evt-1\",", "");

        assertThatThrownBy(() -> EventCodec.submissionFrom(EventCodec.parse(missingChannel)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("data.channel");
        assertThatThrownBy(() -> EventCodec.submissionFrom(EventCodec.parse(wrongEnum)))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("data.channel")
                .hasMessageNotContaining("7911123456");
        assertThatThrownBy(() -> EventCodec.submissionFrom(EventCodec.parse(missingId)))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.changeFrom(EventCodec.parse(EventCodec.encode(bannerSubmission()))))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("unexpected event type");
        assertThatThrownBy(() -> EventCodec.changeFrom(EventCodec.parse("null")))
                .isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.parse("jane.doe@example.org")).isInstanceOf(MalformedEventException.class)
                .hasMessageNotContaining("jane");
        assertThatThrownBy(() -> EventCodec.parse(" ")).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        String json = EventCodec.encode(bannerSubmission()).replace("\"specversion\"", "\"future\":1,\"specversion\"");

        assertThat(EventCodec.decodeSubmission(json).id()).isEqualTo("evt-1");
    }

    @Test
    void notJsonIsMalformed() {
        assertThatThrownBy(() -> EventCodec.decodeSubmission("{not json"))
                .isInstanceOf(MalformedEventException.class);
    }

    @Test
    void emptyValueIsMalformed() {
        assertThatThrownBy(() -> EventCodec.decodeSubmission("")).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> EventCodec.decodeSubmission(null)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void missingEnvelopeIdIsMalformed() {
        String json = EventCodec.encode(bannerSubmission()).replace("\"id\":\"evt-1\",", "");

        assertThatThrownBy(() -> EventCodec.decodeSubmission(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void wrongEventTypeIsMalformed() {
        String json = EventCodec.encode(bannerSubmission());

        assertThatThrownBy(() -> EventCodec.decodeChange(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("unexpected event type");
    }

    @Test
    void missingPayloadFieldsAreNamed() {
        String json = EventCodec.encode(bannerSubmission()).replace("\"channel\":\"web\",", "");

        assertThatThrownBy(() -> EventCodec.decodeSubmission(json))
                .isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data.channel");
    }

    @Test
    void unknownEnumValueIsMalformed() {
        String json = EventCodec.encode(bannerSubmission()).replace("\"channel\":\"web\"", "\"channel\":\"pigeon\"");

        assertThatThrownBy(() -> EventCodec.decodeSubmission(json)).isInstanceOf(MalformedEventException.class);
    }

    @Test
    void aMalformedEventIsDescribedWithoutQuotingItsValuesWhichMayBePersonalData() {
        String wrongEnum = EventCodec.encode(bannerSubmission())
                .replace("\"channel\":\"web\"", "\"channel\":\"+447911123456\"");
        String wrongType = EventCodec.encode(bannerSubmission())
                .replace("\"channel\":\"web\"", "\"channel\":[\"jane.doe@example.org\"]");
        String notJson = "jane.doe@example.org +447911123456";

        assertThatThrownBy(() -> EventCodec.decodeSubmission(wrongEnum)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data.channel").hasMessageNotContaining("7911123456");
        assertThatThrownBy(() -> EventCodec.decodeSubmission(wrongType)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("data.channel").hasMessageNotContaining("jane");
        assertThatThrownBy(() -> EventCodec.decodeSubmission(notJson)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("not valid JSON").hasMessageNotContaining("jane");
    }

    @Test
    void anEventThatNamesAMemberTwiceIsMalformedWhicheverWayItIsRead() {
        // Two values for one field: readers disagree on which counts (a tree keeps the last), so the event proves
        // nothing; it is refused from its text and from a tree alike, without quoting either value
        String twiceInData = EventCodec.encode(bannerSubmission())
                .replace("\"channel\":\"web\"", "\"channel\":\"web\",\"channel\":\"sms\"");
        String twiceInEvidence = EventCodec.encode(bannerSubmission()).replace("\"ipAddress\":\"203.0.113.9\"",
                "\"ipAddress\":\"203.0.113.9\",\"ipAddress\":\"198.51.100.7\"");
        String twiceInEnvelope = EventCodec.encode(bannerSubmission()).replace("\"id\":\"evt-1\"",
                "\"id\":\"evt-1\",\"id\":\"evt-2\"");
        assertThat(twiceInData).contains("\"sms\"");
        assertThat(twiceInEvidence).contains("198.51.100.7");
        assertThat(twiceInEnvelope).contains("evt-2");

        for (String json : List.of(twiceInData, twiceInEvidence, twiceInEnvelope)) {
            assertThatThrownBy(() -> EventCodec.decodeSubmission(json)).isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("named twice").hasMessageNotContaining("198.51")
                    .hasMessageNotContaining("sms");
            assertThatThrownBy(() -> EventCodec.parse(json)).isInstanceOf(MalformedEventException.class)
                    .hasMessageContaining("named twice").hasMessageNotContaining("198.51")
                    .hasMessageNotContaining("sms");
        }
        String change = EventCodec.encode(CloudEvent.of("evt-3", "/consent-service", EventTypes.CHANGED, "acme",
                "subj-1", Instant.parse("2026-11-23T10:00:00Z"), new ConsentChanged("subj-1",
                new Identifier(IdentifierType.VISITOR, "v-1"), "analytics", Channel.WEB, null, ConsentStatus.GRANTED,
                ConsentSource.BANNER, "2026-01", null, Evidence.ofBanner("site-1", null, null),
                Instant.parse("2026-11-23T10:00:00Z"), "evt-1")));
        String twiceInChange = change.replace("\"purpose\":\"", "\"purpose\":\"x\",\"purpose\":\"");
        assertThat(twiceInChange).isNotEqualTo(change);
        assertThatThrownBy(() -> EventCodec.decodeChange(twiceInChange)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("named twice");
        assertThatThrownBy(() -> EventCodec.parse(twiceInChange)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("named twice");
    }

    @Test
    void aBlanketSmsOptOutWithItsEvidenceSurvivesARoundTrip() {
        ConsentSubmission stop = new ConsentSubmission(new Identifier(IdentifierType.PHONE, "+447911123456"),
                Channel.SMS, ConsentSource.SMS_KEYWORD,
                List.of(new PurposeChoice(PurposeChoice.ALL_PURPOSES, ConsentStatus.DENIED)), null, null,
                Evidence.ofInboundSms("SM0123456789abcdef", "keyword:STOP"), Instant.parse("2026-11-23T10:00:00Z"));
        CloudEvent<ConsentSubmission> event = CloudEvent.of("evt-stop", "/preference-gateway", EventTypes.SUBMISSION,
                "acme", "phone:abc", stop.submittedAt(), stop);

        CloudEvent<ConsentSubmission> decoded = EventCodec.decodeSubmission(EventCodec.encode(event));

        assertThat(decoded).isEqualTo(event);
        assertThat(EventCodec.encode(event)).contains("\"purpose\":\"*\"", "\"matchedRule\":\"keyword:STOP\"",
                "\"source\":\"sms-keyword\"");
    }

    @Test
    void aStateSnapshotSurvivesARoundTripAndIsKeyedBySubject() {
        ConsentStateSnapshot snapshot = new ConsentStateSnapshot("subj-1", new Identifier(IdentifierType.VISITOR, "v-1"),
                List.of(new ConsentStateSnapshot.Consent("analytics", Channel.WEB, ConsentStatus.GRANTED,
                        Instant.parse("2026-11-23T10:00:00Z"), null, 7)),
                Instant.parse("2026-11-23T10:00:01Z"));
        CloudEvent<ConsentStateSnapshot> event = CloudEvent.of("st-1", "/consent-service", EventTypes.STATE, "acme",
                "subj-1", snapshot.asOf(), snapshot);

        assertThat(EventCodec.decodeState(EventCodec.encode(event))).isEqualTo(event);
        assertThat(event.partitionKey()).isEqualTo("acme/subj-1");
    }

    @Test
    void aGlobalPrivacyControlSignalTravelsInTheEvidence() {
        CloudEvent<ConsentSubmission> event = bannerSubmission();
        ConsentSubmission s = event.data();
        ConsentSubmission withGpc = new ConsentSubmission(s.identifier(), s.channel(), s.source(), s.choices(),
                s.policyVersion(), s.language(), s.evidence().withGlobalPrivacyControl(true), s.submittedAt());
        CloudEvent<ConsentSubmission> gpc = CloudEvent.of(event.id(), event.source(), event.type(), event.tenant(),
                event.subject(), event.time(), withGpc);

        assertThat(EventCodec.decodeSubmission(EventCodec.encode(gpc)).data().evidence().globalPrivacyControl()).isTrue();
        assertThat(EventCodec.encode(event)).doesNotContain("globalPrivacyControl");
    }

    @Test
    void identifierIsMaskedInLogs() {
        Identifier phone = new Identifier(IdentifierType.PHONE, "+447700900123");

        assertThat(phone.toString()).isEqualTo("phone:***23").doesNotContain("7700900");
    }
}
