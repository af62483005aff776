package io.consentline.gateway.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.consentline.events.Channel;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventCodec;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;

class KeywordSubmissionsTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");

    @Test
    void anOptOutIsOneBlanketSmsWithdrawalWithTheMessageAndRuleAsEvidence() {
        var event = KeywordSubmissions.of("acme", "+447911123456", "phone:abc", "SM123",
                new InboundIntent.OptOut("keyword:STOP"), AT).orElseThrow();

        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.subject()).isEqualTo("phone:abc");
        assertThat(event.partitionKey()).isEqualTo("acme/phone:abc").doesNotContain("7911123456");
        var s = event.data();
        assertThat(s.identifier().type()).isEqualTo(IdentifierType.PHONE);
        assertThat(s.identifier().value()).isEqualTo("+447911123456");
        assertThat(s.channel()).isEqualTo(Channel.SMS);
        assertThat(s.source()).isEqualTo(ConsentSource.SMS_KEYWORD);
        assertThat(s.choices()).containsExactly(new PurposeChoice(PurposeChoice.ALL_PURPOSES, ConsentStatus.DENIED));
        assertThat(s.evidence().messageId()).isEqualTo("SM123");
        assertThat(s.evidence().matchedRule()).isEqualTo("keyword:STOP");
        assertThat(EventCodec.decodeSubmission(EventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void anOptInKeywordLiftsTheBlanketOptOut() {
        var event = KeywordSubmissions.of("acme", "+447911123456", "phone:abc", "SM124",
                new InboundIntent.OptIn("keyword:START"), AT).orElseThrow();

        assertThat(event.data().choices())
                .containsExactly(new PurposeChoice(PurposeChoice.ALL_PURPOSES, ConsentStatus.GRANTED));
    }

    @Test
    void helpAndUnrecognisedMessagesRecordNothing() {
        assertThat(KeywordSubmissions.of("acme", "+447911123456", "phone:abc", "SM1", new InboundIntent.Help("keyword:HELP"), AT))
                .isEmpty();
        assertThat(KeywordSubmissions.of("acme", "+447911123456", "phone:abc", "SM1", new InboundIntent.Unrecognised(), AT))
                .isEmpty();
    }

    @Test
    void aRetriedWebhookGivesTheSameEventIdSoItIsRecordedOnce() {
        var first = KeywordSubmissions.of("acme", "+447911123456", "phone:abc", "SM9", new InboundIntent.OptOut("keyword:STOP"), AT);
        var retry = KeywordSubmissions.of("acme", "+447911123456", "phone:abc", "SM9", new InboundIntent.OptOut("keyword:STOP"),
                AT.plusSeconds(5));
        var other = KeywordSubmissions.of("acme", "+447911123456", "phone:abc", "SM10", new InboundIntent.OptOut("keyword:STOP"), AT);

        assertThat(retry.orElseThrow().id()).isEqualTo(first.orElseThrow().id());
        assertThat(other.orElseThrow().id()).isNotEqualTo(first.orElseThrow().id());
    }

    @Test
    void repliesAreEscapedTwiML() {
        assertThat(TwiML.message("You're out <now> & done")).isEqualTo(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>You&apos;re out &lt;now&gt; &amp; done"
                        + "</Message></Response>");
        assertThat(TwiML.message("")).isEqualTo(TwiML.empty());
    }
}
