package io.consentline.consent.domain.policy;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.consentline.consent.domain.ConsentKey;
import io.consentline.consent.domain.window.CallingWindow;
import io.consentline.events.Channel;

/**
 * A tenant policy as JSON (the admin API's body and the stored form), e.g.
 * {@code {"defaultRegion":"GB","callingWindow":{"opens":"08:00","closes":"21:00"},"purposes":["marketing"],
 * "optInNotRequired":[{"purpose":"service_messages","channel":"sms"}],"consentLifetime":"P395D"}}.
 */
public record PolicyDocument(String defaultRegion, Window callingWindow, List<String> purposes,
        List<PurposeChannel> optInNotRequired, Duration consentLifetime) {

    /** Local opening hours. */
    public record Window(LocalTime opens, LocalTime closes) {
    }

    /** A purpose on a channel. */
    public record PurposeChannel(String purpose, Channel channel) {
    }

    public TenantPolicy toPolicy() {
        CallingWindow window;
        if (callingWindow == null) {
            window = CallingWindow.DEFAULT;
        } else if (callingWindow.opens() == null || callingWindow.closes() == null) {
            throw new InvalidPolicyException("callingWindow", "opens and closes are both required");
        } else {
            try {
                window = new CallingWindow(callingWindow.opens(), callingWindow.closes());
            } catch (IllegalArgumentException e) {
                throw new InvalidPolicyException("callingWindow", e.getMessage());
            }
        }
        Set<ConsentKey> waived = optInNotRequired == null ? Set.of()
                : optInNotRequired.stream().map(PolicyDocument::key).collect(Collectors.toSet());
        return new TenantPolicy(defaultRegion, window,
                purposes == null ? TenantPolicy.DEFAULT_PURPOSES : Set.copyOf(purposes), waived, consentLifetime);
    }

    public static PolicyDocument of(TenantPolicy policy) {
        return new PolicyDocument(policy.defaultRegion(),
                new Window(policy.callingWindow().opens(), policy.callingWindow().closes()),
                policy.purposes().stream().sorted().toList(),
                policy.optInNotRequired().stream()
                        .sorted(Comparator.comparing(ConsentKey::purpose).thenComparing(ConsentKey::channel))
                        .map(k -> new PurposeChannel(k.purpose(), k.channel())).toList(),
                policy.consentLifetime());
    }

    private static ConsentKey key(PurposeChannel pc) {
        if (pc == null || pc.purpose() == null || pc.channel() == null) {
            throw new InvalidPolicyException("optInNotRequired", "each entry needs a purpose and a channel");
        }
        return new ConsentKey(pc.purpose(), pc.channel());
    }
}
