package io.consentline.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's own settings (Kafka, database and HTTP settings are Quarkus's, see README). */
@ConfigMapping(prefix = "consentline.gateway")
public interface GatewayConfig {

    /** Defaults for new sites. */
    Sites sites();

    /**
     * How long a request waits for its submission to be committed on Kafka before it is answered 503. Bounds the
     * wait during a broker outage. Must exceed the submissions producer's {@code 2 × max.block.ms +
     * delivery.timeout.ms} by more than a second (checked at start-up): see {@code SubmissionPublisher}.
     */
    @WithDefault("10s")
    Duration publishTimeout();

    /** How submissions are written to Kafka (the producer's own settings: {@code consentline.submissions-producer.*}). */
    Submissions submissions();

    interface Submissions {

        /**
         * The producer's {@code transactional.id}: unique per gateway instance and the same across its restarts, so
         * that a restarted gateway ends the transaction its predecessor left open at once. Default
         * {@code preference-gateway-<host name>-<HTTP port>}.
         */
        Optional<String> transactionalId();

        /** The most submissions one Kafka transaction carries. */
        @WithDefault("500")
        int maxPerTransaction();
    }

    /** The key that signs receipts. */
    ReceiptSigning receiptSigning();

    /** Limits on the public endpoints, per client address and site. */
    RateLimit rateLimit();

    /** Inbound and outbound SMS. */
    Sms sms();

    /** One-time codes for SMS opt-in. */
    Otp otp();

    /** The demo site that the demo page (/demo/) shows the banner for. */
    Demo demo();

    interface Demo {

        /** Creates the site {@code demo} at start-up when it does not exist (local runs). */
        @WithDefault("false")
        boolean enabled();

        /** The demo site's tenant. */
        @WithDefault("acme")
        String tenant();

        /** The origin the demo page is served from (the gateway's own URL). */
        @WithDefault("http://localhost:8081")
        String origin();
    }

    interface Sites {

        /**
         * How long a visitor's choice holds, in days, when a site does not say: after it the banner asks again.
         */
        @WithDefault("365")
        int defaultConsentLifetimeDays();
    }

    interface ReceiptSigning {

        /**
         * The private signing key as an Ed25519 (OKP) JWK (JSON with {@code d}), from
         * {@code CONSENTLINE_GATEWAY_RECEIPT_SIGNING_JWK}. A secret. When absent, a key is made per process
         * (its receipts cannot be verified after a restart): fine for tests, never for production.
         */
        Optional<String> jwk();
    }

    interface RateLimit {

        /** Requests a client may make at once to one site's public endpoints (the burst). */
        @WithDefault("60")
        int capacity();

        /** Requests per minute a client may make to one site's public endpoints over time. */
        @WithDefault("60")
        int refillPerMinute();

        /** Clients remembered at most (memory bound); a forgotten client starts with a full bucket. */
        @WithDefault("100000")
        int maxClients();
    }

    interface Sms {

        /** Which SmsSender sends one-time codes: {@code log} (writes them to the log; local runs) or {@code twilio}. */
        @WithDefault("log")
        String sender();

        /**
         * The public URL Twilio calls for inbound messages, exactly as configured in Twilio (the signature covers
         * it). When absent, the URL of the request as the gateway sees it (set the proxy-forwarding options
         * behind a load balancer).
         */
        Optional<String> inboundUrl();

        Twilio twilio();

        Replies replies();
    }

    interface Twilio {

        /** The account's auth token: verifies inbound webhooks and authenticates sending. A secret. */
        Optional<String> authToken();

        /** The account SID (sending only). */
        Optional<String> accountSid();

        /** The sender number or messaging service SID for one-time codes (sending only). */
        Optional<String> from();

        /** Twilio's REST API base URL. */
        @WithDefault("https://api.twilio.com")
        String apiUrl();
    }

    /** The TwiML reply texts. */
    interface Replies {

        @WithDefault("You have been unsubscribed and will receive no more messages. Reply START to resubscribe.")
        String optOut();

        @WithDefault("You have been resubscribed. Reply STOP to unsubscribe.")
        String optIn();

        @WithDefault("Reply STOP to unsubscribe, START to resubscribe. Msg&data rates may apply.")
        String help();
    }

    interface Otp {

        /** Digits of a code. */
        @WithDefault("6")
        int codeLength();

        /** How long a code may be used. */
        @WithDefault("10m")
        Duration ttl();

        /** Wrong codes allowed per challenge; then it is dead. */
        @WithDefault("5")
        int maxAttempts();

        /** The least time between two codes for one number on one site. */
        @WithDefault("60s")
        Duration resendInterval();

        /** Codes per number and site per hour, at most. */
        @WithDefault("5")
        int maxPerHour();

        /**
         * How long a challenge is kept after it expired (resend throttling looks back an hour; support may look
         * a little further); then housekeeping deletes it. The proof of an opt-in lives on in the audit log.
         */
        @WithDefault("24h")
        Duration retention();
    }
}
