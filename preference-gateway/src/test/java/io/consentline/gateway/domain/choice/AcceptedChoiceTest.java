package io.consentline.gateway.domain.choice;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.ConsentSubmission;
import io.consentline.events.EventCodec;
import io.consentline.events.EventTypes;
import io.consentline.events.IdentifierType;
import io.consentline.events.PurposeChoice;

class AcceptedChoiceTest {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123456Z");
    private static final AcceptedChoice CHOICE = new AcceptedChoice("shop-eu", "acme", "v_8f3k2LqP0aZx", "2026-01", "de-CH",
            List.of("analytics"), List.of("marketing", "ads"));

    @Test
    void theSubmissionRecordsTheChoiceWithItsEvidence() {
        CloudEvent<ConsentSubmission> event = CHOICE.toSubmission("r-1", "203.0.113.7", "Firefox", AT);

        assertThat(event.id()).isEqualTo("r-1");
        assertThat(event.type()).isEqualTo(EventTypes.SUBMISSION);
        assertThat(event.source()).isEqualTo("/preference-gateway");
        assertThat(event.tenant()).isEqualTo("acme");
        assertThat(event.subject()).isEqualTo("visitor:v_8f3k2LqP0aZx");
        assertThat(event.partitionKey()).isEqualTo("acme/visitor:v_8f3k2LqP0aZx");
        assertThat(event.time()).isEqualTo(AT);
        ConsentSubmission s = event.data();
        assertThat(s.identifier().type()).isEqualTo(IdentifierType.VISITOR);
        assertThat(s.identifier().value()).isEqualTo("v_8f3k2LqP0aZx");
        assertThat(s.channel()).isEqualTo(Channel.WEB);
        assertThat(s.source()).isEqualTo(ConsentSource.BANNER);
        assertThat(s.choices()).containsExactly(new PurposeChoice("analytics", ConsentStatus.GRANTED),
                new PurposeChoice("marketing", ConsentStatus.DENIED), new PurposeChoice("ads", ConsentStatus.DENIED));
        assertThat(s.policyVersion()).isEqualTo("2026-01");
        assertThat(s.language()).isEqualTo("de-CH");
        assertThat(s.submittedAt()).isEqualTo(AT);
        assertThat(s.evidence().siteId()).isEqualTo("shop-eu");
        assertThat(s.evidence().ipAddress()).isEqualTo("203.0.113.7");
        assertThat(s.evidence().userAgent()).isEqualTo("Firefox");
    }

    @Test
    void theSubmissionSurvivesTheWireFormat() {
        CloudEvent<ConsentSubmission> event = CHOICE.toSubmission("r-2", "203.0.113.7", null, AT);

        CloudEvent<ConsentSubmission> decoded = EventCodec.decodeSubmission(EventCodec.encode(event));

        assertThat(decoded).isEqualTo(event);
    }

    @Test
    void hugeUserAgentsAreCut() {
        String huge = "A".repeat(10_000);

        assertThat(CHOICE.toSubmission("r-3", null, huge, AT).data().evidence().userAgent())
                .hasSize(AcceptedChoice.MAX_USER_AGENT_LENGTH);
    }

    @Test
    void theReceiptNamesTheEventAndWhatWasRecorded() {
        Receipt receipt = CHOICE.receipt("r-4", AT);

        assertThat(receipt).isEqualTo(new Receipt("r-4", AT, "acme", "shop-eu", "v_8f3k2LqP0aZx", "2026-01", "de-CH",
                List.of("analytics"), List.of("marketing", "ads"), false, List.of()));
    }

    @Test
    void theReceiptClaimsNameWhoWhatWhenAndWhichPolicy() {
        var claims = CHOICE.receipt("r-5", AT).claims();

        assertThat(claims).containsEntry("jti", "r-5")
                .containsEntry("tenant", "acme")
                .containsEntry("sub", "visitor:v_8f3k2LqP0aZx")
                .containsEntry("siteId", "shop-eu")
                .containsEntry("policyVersion", "2026-01")
                .containsEntry("granted", List.of("analytics"))
                .containsEntry("denied", List.of("marketing", "ads"))
                .containsEntry("globalPrivacyControl", false)
                .containsEntry("acceptedAt", "2026-11-23T10:15:30.123456Z")
                .containsEntry("iat", AT.getEpochSecond());
    }
}
