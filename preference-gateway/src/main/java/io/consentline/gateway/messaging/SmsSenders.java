package io.consentline.gateway.messaging;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.consentline.gateway.config.GatewayConfig;

/** Chooses the SmsSender by {@code consentline.gateway.sms.sender}: a real provider is a config change. */
public class SmsSenders {

    @Produces
    @Singleton
    SmsSender smsSender(GatewayConfig config) {
        String sender = config.sms().sender();
        if ("twilio".equals(sender)) {
            GatewayConfig.Twilio twilio = config.sms().twilio();
            return new TwilioSmsSender(twilio.apiUrl(), required(twilio.accountSid().orElse(null), "account-sid"),
                    required(twilio.authToken().orElse(null), "auth-token"), required(twilio.from().orElse(null), "from"));
        }
        if ("log".equals(sender)) {
            return new LogSmsSender();
        }
        throw new IllegalStateException("consentline.gateway.sms.sender must be log or twilio, not " + sender);
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("consentline.gateway.sms.twilio." + name + " is required to send with Twilio");
        }
        return value;
    }
}
