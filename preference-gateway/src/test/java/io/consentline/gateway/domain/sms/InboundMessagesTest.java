package io.consentline.gateway.domain.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class InboundMessagesTest {

    @ParameterizedTest
    @CsvSource({ "STOP,STOP", "stop,STOP", "'  Stop  ',STOP", "STOP.,STOP", "Stop!,STOP", "STOPALL,STOPALL",
            "unsubscribe,UNSUBSCRIBE", "Cancel,CANCEL", "end,END", "QUIT,QUIT", "opt-out,OPT OUT",
            "Arrêt,ARRET", "ARRET,ARRET", "stopp,STOPP", "Baja,BAJA", "PARAR,PARAR", "afmelden,AFMELDEN" })
    void optOutKeywordsAreRecognisedWhateverTheirCaseSpacingOrAccents(String body, String keyword) {
        assertThat(InboundMessages.classify(body)).isEqualTo(new InboundIntent.OptOut("keyword:" + keyword));
    }

    @ParameterizedTest
    @CsvSource({ "START,START", "unstop,UNSTOP", "Yes,YES", "' yes! ',YES" })
    void optInKeywordsLiftAnOptOut(String body, String keyword) {
        assertThat(InboundMessages.classify(body)).isEqualTo(new InboundIntent.OptIn("keyword:" + keyword));
    }

    @ParameterizedTest
    @ValueSource(strings = { "HELP", "help", "Info", "Hilfe", "AYUDA" })
    void helpIsOnlyAnswered(String body) {
        assertThat(InboundMessages.classify(body)).isInstanceOf(InboundIntent.Help.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "please stop texting me|stop-messaging",
            "Stop sending me these messages!!|stop-messaging",
            "Can you quit messaging me|stop-messaging",
            "don't text me again|do-not-contact",
            "Do not contact me|do-not-contact",
            "remove me from your list|remove-me",
            "Please delete my number|remove-me",
            "I want to unsubscribe|unsubscribe",
            "how do I opt out?|unsubscribe",
            "no more texts please|no-more",
            "leave me alone|leave-me-alone",
            "Wrong number, who is this?|wrong-number" })
    void clearFreeTextOptOutsAreHonouredAndTheRuleIsNamed(String body, String rule) {
        assertThat(InboundMessages.classify(body)).isEqualTo(new InboundIntent.OptOut("free-text:" + rule));
    }

    @ParameterizedTest
    @ValueSource(strings = { "Thanks, see you tomorrow", "What time do you open?", "stopping by later",
            "The parcel arrived", "", "   " })
    void anythingElseRecordsNothing(String body) {
        assertThat(InboundMessages.classify(body)).isInstanceOf(InboundIntent.Unrecognised.class);
    }

    @Test
    void aNullBodyRecordsNothing() {
        assertThat(InboundMessages.classify(null)).isInstanceOf(InboundIntent.Unrecognised.class);
    }

    @Test
    void aKeywordInsideASentenceIsNotAKeywordButMayBeFreeText() {
        assertThat(InboundMessages.classify("STOP texting")).isEqualTo(new InboundIntent.OptOut("free-text:stop-messaging"));
        assertThat(InboundMessages.classify("yes please, what time?")).isInstanceOf(InboundIntent.Unrecognised.class);
    }
}
