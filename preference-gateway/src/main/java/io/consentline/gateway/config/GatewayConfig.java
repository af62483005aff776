package io.consentline.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The gateway's own settings (Kafka, database and HTTP settings are Quarkus's, see README). */
@ConfigMapping(prefix = "consentline.gateway")
public interface GatewayConfig {

    /** Defaults for new sites. */
    Sites sites();

    interface Sites {

        /**
         * How long a visitor's choice holds, in days, when a site does not say: after it the banner asks again.
         */
        @WithDefault("365")
        int defaultConsentLifetimeDays();
    }
}
