package io.consentline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local system lives and which ports it takes. Kafka and PostgreSQL are started by the launcher
 * unless the environment points at existing ones:
 * <ul>
 * <li>{@code CONSENTLINE_KAFKA_BOOTSTRAP} — bootstrap servers of an existing broker;</li>
 * <li>{@code CONSENTLINE_PG_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD} — an existing PostgreSQL and a
 * role that may create roles and databases.</li>
 * </ul>
 * {@code CONSENTLINE_STARTUP_ARCHIVE=off} starts the services without their own recorded class-data-sharing
 * archives ({@link StartupArchive}).
 *
 * @param root the repository root (where the service modules are built)
 * @param dataDir everything the run keeps between restarts (broker log, database, keys, logs)
 * @param startupArchives whether services record and use their own class-data-sharing archives
 */
public record LauncherSettings(
        Path root,
        Path dataDir,
        int gatewayPort,
        int consentPort,
        int auditPort,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        Optional<String> externalKafka,
        Optional<ExternalPostgres> externalPostgres,
        boolean startupArchives) {

    /** An existing PostgreSQL server and an administrative login to it. */
    public record ExternalPostgres(String host, int port, String user, String password) {
    }

    public static LauncherSettings fromEnvironment(Path root, Path dataDir, Map<String, String> env) {
        return new LauncherSettings(root, dataDir,
                port(env, "CONSENTLINE_GATEWAY_PORT", 8081),
                port(env, "CONSENTLINE_CONSENT_PORT", 8082),
                port(env, "CONSENTLINE_AUDIT_PORT", 8083),
                port(env, "CONSENTLINE_KAFKA_PORT", 19092),
                port(env, "CONSENTLINE_KAFKA_CONTROLLER_PORT", 19093),
                port(env, "CONSENTLINE_PG_EMBEDDED_PORT", 15432),
                nonBlank(env.get("CONSENTLINE_KAFKA_BOOTSTRAP")),
                externalPostgres(env), startupArchives(env));
    }

    /** Free ports everywhere, for tests that run beside a local run. External parts still come from the env. */
    public static LauncherSettings withFreePorts(Path root, Path dataDir, Map<String, String> env) {
        return new LauncherSettings(root, dataDir, freePort(), freePort(), freePort(), freePort(), freePort(),
                freePort(), nonBlank(env.get("CONSENTLINE_KAFKA_BOOTSTRAP")), externalPostgres(env),
                startupArchives(env));
    }

    public String kafkaBootstrap() {
        return externalKafka.orElse("localhost:" + kafkaPort);
    }

    public String gatewayUrl() {
        return "http://localhost:" + gatewayPort;
    }

    public String consentUrl() {
        return "http://localhost:" + consentPort;
    }

    public String auditUrl() {
        return "http://localhost:" + auditPort;
    }

    private static Optional<ExternalPostgres> externalPostgres(Map<String, String> env) {
        return nonBlank(env.get("CONSENTLINE_PG_HOST")).map(host -> new ExternalPostgres(host,
                port(env, "CONSENTLINE_PG_PORT", 5432),
                nonBlank(env.get("CONSENTLINE_PG_USER")).orElse("postgres"),
                env.getOrDefault("CONSENTLINE_PG_PASSWORD", "")));
    }

    private static boolean startupArchives(Map<String, String> env) {
        return !"off".equalsIgnoreCase(nonBlank(env.get("CONSENTLINE_STARTUP_ARCHIVE")).orElse("on"));
    }

    private static int port(Map<String, String> env, String name, int fallback) {
        return nonBlank(env.get(name)).map(Integer::parseInt).orElse(fallback);
    }

    private static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
