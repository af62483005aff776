package io.consentline.testsupport;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts what a service needs for {@code @QuarkusTest}s: a real Kafka broker and a real PostgreSQL with a new
 * database, and hands the service their addresses plus a test identity provider key and fresh secrets.
 *
 * <p>Kafka: in this JVM by default, or an existing broker when {@code CONSENTLINE_TEST_KAFKA} names its
 * bootstrap servers; then every topic gets a per-run prefix, so runs never see each other's messages.
 * Init arg {@code database}: the prefix of the database name (default {@code test}).
 */
public class ConsentlineTestResources implements QuarkusTestResourceLifecycleManager {

    private InJvmKafka kafka;
    private TestPostgres postgres;
    private String databasePrefix = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        databasePrefix = initArgs.getOrDefault("database", databasePrefix);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        String externalKafka = System.getenv("CONSENTLINE_TEST_KAFKA");
        if (externalKafka != null && !externalKafka.isBlank()) {
            config.put("kafka.bootstrap.servers", externalKafka);
            config.put("consentline.topic-prefix", "run-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        } else {
            kafka = InJvmKafka.start();
            config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        }
        postgres = TestPostgres.start();
        Database db = postgres.createDatabase(databasePrefix);
        config.put("quarkus.datasource.username", db.user());
        config.put("quarkus.datasource.password", db.password());
        config.put("quarkus.datasource.jdbc.url", db.jdbcUrl());
        config.put("quarkus.datasource.reactive.url", db.reactiveUrl());
        config.put("quarkus.oidc.public-key", TestKeys.publicKeyBase64());
        config.put("quarkus.oidc.token.issuer", TestKeys.ISSUER);
        config.put("quarkus.oidc.token.audience", TestKeys.AUDIENCE);
        config.put("consentline.identity.hmac-key", randomSecret());
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
