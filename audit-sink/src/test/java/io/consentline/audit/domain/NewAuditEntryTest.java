package io.consentline.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.consentline.events.Channel;
import io.consentline.events.CloudEvent;
import io.consentline.events.ConsentChanged;
import io.consentline.events.ConsentSource;
import io.consentline.events.ConsentStatus;
import io.consentline.events.EventTypes;
import io.consentline.events.Evidence;
import io.consentline.events.Identifier;
import io.consentline.events.IdentifierType;

class NewAuditEntryTest {

    private static final Instant CHANGED_AT = Instant.parse("2026-11-23T10:15:30Z");

    private static CloudEvent<ConsentChanged> event(String tenant, ConsentSource source, ConsentStatus before) {
        ConsentChanged data = new ConsentChanged("subject-1", new Identifier(IdentifierType.PHONE, "+4915112345678"),
                "sales_calls", Channel.VOICE, before, ConsentStatus.DENIED, source, "2026-01", null,
                Evidence.ofAgent("agent-7", "rec-1"), CHANGED_AT, "request-1");
        return CloudEvent.of("event-1", "/consent-service", EventTypes.CHANGED, tenant, "subject-1", CHANGED_AT, data);
    }

    @Test
    void recordsTheChangeInWireNamesWithTheIdentifierOnlyAsItsHash() {
        LogPosition position = new LogPosition(2, 41);

        NewAuditEntry entry = NewAuditEntry.of(event("acme", ConsentSource.AGENT, ConsentStatus.GRANTED), "hash-1",
                "{\"purpose\":\"sales_calls\"}", position);

        assertThat(entry.eventId()).isEqualTo("event-1");
        assertThat(entry.tenant()).isEqualTo("acme");
        assertThat(entry.subjectId()).isEqualTo("subject-1");
        assertThat(entry.identifierHash()).isEqualTo("hash-1");
        assertThat(entry.identifierType()).isEqualTo("phone");
        assertThat(entry.eventType()).isEqualTo(EventTypes.CHANGED);
        assertThat(entry.purpose()).isEqualTo("sales_calls");
        assertThat(entry.channel()).isEqualTo("voice");
        assertThat(entry.before()).isEqualTo("GRANTED");
        assertThat(entry.after()).isEqualTo("DENIED");
        assertThat(entry.source()).isEqualTo("agent");
        assertThat(entry.occurredAt()).isEqualTo(CHANGED_AT);
        assertThat(entry.position()).isEqualTo(position);
        assertThat(entry.payloadJson()).isEqualTo("{\"purpose\":\"sales_calls\"}");
        assertThat(entry.toString()).doesNotContain("+4915112345678");
    }

    @Test
    void aFirstRecordHasNoStatusBefore() {
        NewAuditEntry entry = NewAuditEntry.of(event("acme", ConsentSource.BANNER, null), "h", "{}", null);

        assertThat(entry.before()).isNull();
    }

    @Test
    void sourcesAreRecordedByTheirWireNames() {
        assertThat(NewAuditEntry.sourceName(ConsentSource.SMS_KEYWORD)).isEqualTo("sms-keyword");
        assertThat(NewAuditEntry.sourceName(ConsentSource.OTP)).isEqualTo("otp");
        assertThat(NewAuditEntry.sourceName(ConsentSource.IMPORT)).isEqualTo("import");
    }

    @Test
    void aTenantThatIsNoValidTenantIdCannotBeRecorded() {
        assertThatThrownBy(() -> NewAuditEntry.of(event("ACME Corp", ConsentSource.API, null), "h", "{}", null))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("invalid tenant id");
    }
}
