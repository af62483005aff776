package io.consentline.consent.domain.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.consentline.consent.domain.ConsentKey;
import io.consentline.consent.domain.window.CallingWindow;
import io.consentline.events.Channel;

class TenantPolicyTest {

    @Test
    void theDefaultIsStrictOptInEverywhere() {
        for (String purpose : TenantPolicy.DEFAULT_PURPOSES) {
            for (Channel channel : Channel.values()) {
                assertThat(TenantPolicy.DEFAULT.requiresOptIn(purpose, channel)).isTrue();
            }
        }
        assertThat(TenantPolicy.DEFAULT.callingWindow()).isEqualTo(CallingWindow.DEFAULT);
        assertThat(TenantPolicy.DEFAULT.expiryOf(Instant.EPOCH)).isNull();
    }

    @Test
    void aTenantMayWaiveOptInForOnePurposeOnOneChannel() {
        TenantPolicy policy = new TenantPolicy("GB", CallingWindow.DEFAULT, Set.of("service_messages", "marketing"),
                Set.of(new ConsentKey("service_messages", Channel.SMS)), null);

        assertThat(policy.requiresOptIn("service_messages", Channel.SMS)).isFalse();
        assertThat(policy.requiresOptIn("service_messages", Channel.VOICE)).isTrue();
        assertThat(policy.requiresOptIn("marketing", Channel.SMS)).isTrue();
    }

    @Test
    void onlyCallsAndTextsHaveACallingWindow() {
        assertThat(TenantPolicy.DEFAULT.windowFor(Channel.VOICE)).isNotNull();
        assertThat(TenantPolicy.DEFAULT.windowFor(Channel.SMS)).isNotNull();
        assertThat(TenantPolicy.DEFAULT.windowFor(Channel.EMAIL)).isNull();
        assertThat(TenantPolicy.DEFAULT.windowFor(Channel.WEB)).isNull();
    }

    @Test
    void grantsLapseAfterTheConsentLifetime() {
        TenantPolicy policy = new TenantPolicy(null, CallingWindow.DEFAULT, Set.of("analytics"), Set.of(),
                Duration.ofDays(395));

        assertThat(policy.expiryOf(Instant.parse("2026-01-01T00:00:00Z"))).isEqualTo(Instant.parse("2027-01-31T00:00:00Z"));
    }

    @Test
    void invalidPoliciesNameTheField() {
        assertThatThrownBy(() -> new TenantPolicy("XX", CallingWindow.DEFAULT, Set.of("a"), Set.of(), null))
                .isInstanceOf(InvalidPolicyException.class).extracting("field").isEqualTo("defaultRegion");
        assertThatThrownBy(() -> new TenantPolicy(null, CallingWindow.DEFAULT, Set.of(), Set.of(), null))
                .extracting("field").isEqualTo("purposes");
        assertThatThrownBy(() -> new TenantPolicy(null, CallingWindow.DEFAULT, Set.of("Bad Name"), Set.of(), null))
                .extracting("field").isEqualTo("purposes");
        assertThatThrownBy(() -> new TenantPolicy(null, CallingWindow.DEFAULT, Set.of("a"),
                Set.of(new ConsentKey("b", Channel.SMS)), null)).extracting("field").isEqualTo("optInNotRequired");
        assertThatThrownBy(() -> new TenantPolicy(null, CallingWindow.DEFAULT, Set.of("a"), Set.of(),
                Duration.ofDays(-1))).extracting("field").isEqualTo("consentLifetime");
    }
}
