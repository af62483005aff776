package io.consentline.consent.domain.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.consentline.consent.domain.ConsentKey;
import io.consentline.consent.domain.Purposes;
import io.consentline.consent.domain.phone.PhoneNumbers;
import io.consentline.consent.domain.window.CallingWindow;
import io.consentline.events.Channel;

/**
 * A tenant's consent policy: which purposes exist, which purpose/channel pairs may be pursued without an
 * explicit opt-in (none by default: strict opt-in), the calling window, the region assumed for numbers
 * without a country code, and how long a grant lives.
 *
 * @param defaultRegion ISO 3166 region for national-format numbers; null to require international format
 * @param optInNotRequired purpose/channel pairs that need no opt-in (an opt-out still wins)
 * @param consentLifetime how long a grant lives unless it says otherwise; null for no expiry
 */
public record TenantPolicy(String defaultRegion, CallingWindow callingWindow, Set<String> purposes,
        Set<ConsentKey> optInNotRequired, Duration consentLifetime) {

    /** Purposes every tenant starts with: call-centre purposes and the cookie-banner categories. */
    public static final Set<String> DEFAULT_PURPOSES = Set.of("marketing", "sales_calls", "service_messages",
            "call_recording", "analytics", "functional");

    public static final TenantPolicy DEFAULT = new TenantPolicy(null, CallingWindow.DEFAULT, DEFAULT_PURPOSES,
            Set.of(), null);

    public TenantPolicy {
        if (defaultRegion != null && !PhoneNumbers.isKnownRegion(defaultRegion)) {
            throw new InvalidPolicyException("defaultRegion", "not a known region code");
        }
        if (callingWindow == null) {
            throw new InvalidPolicyException("callingWindow", "a calling window is required");
        }
        if (purposes == null || purposes.isEmpty()) {
            throw new InvalidPolicyException("purposes", "at least one purpose is required");
        }
        for (String purpose : purposes) {
            if (!Purposes.isValid(purpose)) {
                throw new InvalidPolicyException("purposes", "purposes are lower-case slugs such as sales_calls");
            }
        }
        optInNotRequired = optInNotRequired == null ? Set.of() : Set.copyOf(optInNotRequired);
        for (ConsentKey key : optInNotRequired) {
            if (!purposes.contains(key.purpose())) {
                throw new InvalidPolicyException("optInNotRequired", "names a purpose that is not configured");
            }
        }
        if (consentLifetime != null && (consentLifetime.isNegative() || consentLifetime.isZero())) {
            throw new InvalidPolicyException("consentLifetime", "must be a positive duration");
        }
        purposes = Set.copyOf(purposes);
        defaultRegion = defaultRegion == null ? null : defaultRegion.toUpperCase(java.util.Locale.ROOT);
    }

    public boolean knowsPurpose(String purpose) {
        return purposes.contains(purpose);
    }

    public boolean requiresOptIn(String purpose, Channel channel) {
        return !optInNotRequired.contains(new ConsentKey(purpose, channel));
    }

    /** The calling window for channels that interrupt people (calls and texts); null for the others. */
    public CallingWindow windowFor(Channel channel) {
        return channel == Channel.VOICE || channel == Channel.SMS ? callingWindow : null;
    }

    /** When a grant recorded at the instant lapses under this policy; null for never. */
    public Instant expiryOf(Instant recordedAt) {
        return consentLifetime == null ? null : recordedAt.plus(consentLifetime);
    }
}
