package io.consentline.consent.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The outbox relay that publishes committed changes to Kafka. */
@ConfigMapping(prefix = "consentline.outbox")
public interface OutboxConfig {

    /** Rows published per round trip. */
    @WithDefault("500")
    int batchSize();
}
