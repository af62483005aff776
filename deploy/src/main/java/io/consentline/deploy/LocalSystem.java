package io.consentline.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.consentline.deploy.ServiceProcess.ServiceSpec;

/**
 * The whole system on one machine: PostgreSQL and Kafka (started here unless external ones are configured),
 * then preference-gateway, consent-service and audit-sink as separate processes. Used by the local run and by
 * the end-to-end tests, so the local run is exercised on every CI run.
 */
public final class LocalSystem implements AutoCloseable {

    public static final String GATEWAY = "preference-gateway";
    public static final String CONSENT = "consent-service";
    public static final String AUDIT = "audit-sink";
    /** audit-sink's runtime database role: INSERT and SELECT on its log only. */
    static final String AUDIT_APP_ROLE = "audit_app";

    private final LauncherSettings settings;
    private final LocalSecrets secrets;
    private final PrintStream out;
    private PostgresServer postgres;
    private KafkaBroker kafka;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    private LocalSystem(LauncherSettings settings, PrintStream out) {
        this.settings = settings;
        this.secrets = LocalSecrets.loadOrCreate(settings.dataDir());
        this.out = out;
    }

    /** Starts everything and waits until every service reports ready; on failure, stops what it started. */
    public static LocalSystem start(LauncherSettings settings, PrintStream out) {
        LocalSystem system = new LocalSystem(settings, out);
        try {
            system.startAll();
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    public static List<ServiceSpec> specs(LauncherSettings s) {
        return List.of(new ServiceSpec(GATEWAY, "gateway", s.gatewayPort(), ServiceSpec.SMALL_HEAP),
                new ServiceSpec(CONSENT, "consent", s.consentPort(), ServiceSpec.SMALL_HEAP),
                new ServiceSpec(AUDIT, "audit", s.auditPort(), ServiceSpec.APPEND_HEAP));
    }

    public static boolean servicesBuilt(LauncherSettings s) {
        return specs(s).stream().allMatch(spec -> ServiceProcess.isBuilt(s.root(), spec));
    }

    private void startAll() {
        out.println("Starting PostgreSQL " + settings.externalPostgres().map(pg -> "(external " + pg.host() + ":"
                + pg.port() + ")").orElse("(embedded, data in " + settings.dataDir().resolve("postgres") + ")"));
        postgres = PostgresServer.start(settings);
        if (settings.externalPostgres().isEmpty()) {
            out.println(HugePages.describe(HugePages.ofPostgres(settings.dataDir().resolve("postgres")),
                    PostgresServer.sharedBuffersMb()));
        }
        for (ServiceSpec spec : specs(settings)) {
            postgres.ensureDatabase(spec.database(), secrets.databasePassword(spec.database()));
        }
        // audit-sink runs as a role that may only insert into and read its log; migrations run as the owner
        postgres.ensureRole(AUDIT_APP_ROLE, secrets.databasePassword(AUDIT_APP_ROLE));
        if (settings.externalKafka().isEmpty()) {
            out.println("Starting Kafka (KRaft) on " + settings.kafkaBootstrap());
            kafka = KafkaBroker.start(settings, launcherClasspath());
        } else {
            out.println("Using Kafka at " + settings.kafkaBootstrap());
        }
        KafkaBroker.ensureTopics(settings.kafkaBootstrap());
        for (ServiceSpec spec : specs(settings)) {
            ServiceProcess service = new ServiceProcess(spec, serviceEnv(spec),
                    settings.dataDir().resolve("logs").resolve(spec.module() + ".log"),
                    settings.startupArchives() ? settings.dataDir().resolve("cds") : null);
            services.put(spec.module(), service);
            out.println("Starting " + spec.module() + " on " + spec.url());
            service.start(settings.root());
        }
        for (ServiceProcess service : services.values()) {
            service.awaitReady(Duration.ofSeconds(180));
        }
    }

    private Map<String, String> serviceEnv(ServiceSpec spec) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(spec.port()));
        // a local run is for this machine: listen on loopback only, unless QUARKUS_HTTP_HOST says otherwise
        if (System.getenv("QUARKUS_HTTP_HOST") == null) {
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        }
        env.put("QUARKUS_DATASOURCE_USERNAME", spec.database());
        env.put("QUARKUS_DATASOURCE_PASSWORD", secrets.databasePassword(spec.database()));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(spec.database()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(spec.database()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", settings.kafkaBootstrap());
        env.put("QUARKUS_OIDC_PUBLIC_KEY", secrets.oidcPublicKey());
        env.put("QUARKUS_OIDC_TOKEN_ISSUER", LocalSecrets.ISSUER);
        env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", LocalSecrets.AUDIENCE);
        env.put("CONSENTLINE_IDENTITY_HMAC_KEY", secrets.identityHmacKey());
        env.put("CONSENTLINE_DECISION_SIGNING_JWK", secrets.decisionSigningJwk());
        if (spec.module().equals(GATEWAY)) {
            env.put("CONSENTLINE_GATEWAY_RECEIPT_SIGNING_JWK", secrets.receiptSigningJwk());
            env.put("CONSENTLINE_GATEWAY_SMS_TWILIO_AUTH_TOKEN", secrets.twilioAuthToken());
            // the demo page at /demo/ shows the banner for the site 'demo', made at start-up
            env.put("CONSENTLINE_GATEWAY_DEMO_ENABLED", "true");
            env.put("CONSENTLINE_GATEWAY_DEMO_ORIGIN", settings.gatewayUrl());
        }
        if (spec.module().equals(AUDIT)) {
            env.put("QUARKUS_FLYWAY_USERNAME", spec.database());
            env.put("QUARKUS_FLYWAY_PASSWORD", secrets.databasePassword(spec.database()));
            env.put("QUARKUS_DATASOURCE_USERNAME", AUDIT_APP_ROLE);
            env.put("QUARKUS_DATASOURCE_PASSWORD", secrets.databasePassword(AUDIT_APP_ROLE));
            env.put("CONSENTLINE_AUDIT_KEY_WRAPPING_KEY", secrets.auditKeyWrappingKey());
            env.put("CONSENTLINE_AUDIT_CHECKPOINT_SIGNING_KEY", secrets.auditCheckpointSigningKey());
        }
        return env;
    }

    /** The auth token that signs inbound SMS webhooks in this run (X-Twilio-Signature). */
    public String twilioAuthToken() {
        return secrets.twilioAuthToken();
    }

    /** A bearer token the running services accept, for the tenant and roles. */
    public String token(String tenant, String... roles) {
        return DevTokens.sign(secrets, tenant, List.of(roles), 3600);
    }

    public LauncherSettings settings() {
        return settings;
    }

    /** Stops one service with SIGTERM (graceful), for restart tests. */
    public void stopService(String module) {
        services.get(module).stop();
    }

    /** Kills one service with SIGKILL, for fault tests. */
    public void killService(String module) {
        services.get(module).kill();
    }

    /** Starts a stopped service again and waits until it is ready. */
    public void restartService(String module) {
        ServiceProcess service = services.get(module);
        service.stop();
        service.start(settings.root());
        service.awaitReady(Duration.ofSeconds(180));
    }

    public Optional<String> logOf(String module) {
        ServiceProcess service = services.get(module);
        try {
            return service == null ? Optional.empty() : Optional.of(java.nio.file.Files.readString(service.log()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Process ids of the running services, by module: for footprint measurements. */
    public Map<String, Long> servicePids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        services.forEach((module, service) -> pids.put(module, service.pid()));
        return pids;
    }

    /** How long each service took from process start until ready. */
    public Map<String, Duration> startupTimes() {
        Map<String, Duration> times = new LinkedHashMap<>();
        services.forEach((module, service) -> times.put(module, service.startupTime()));
        return times;
    }

    /** The local secrets (for tools such as the benchmark that seed data directly). */
    public LocalSecrets secrets() {
        return secrets;
    }

    /** JDBC URL of a service database, with its login. */
    public String[] jdbcLogin(String database) {
        return new String[] { postgres.jdbcUrl(database), database, secrets.databasePassword(database) };
    }

    /**
     * Fault injection: stops the Kafka broker (SIGTERM, controlled shutdown) and leaves it down until
     * {@link #startKafka()}. Only for the broker this launcher started.
     */
    public void stopKafka() {
        requireOwnKafka().stop();
    }

    /** Starts the broker stopped by {@link #stopKafka()} again: same port, same data folder, waits until ready. */
    public void startKafka() {
        requireOwnKafka();
        kafka = KafkaBroker.start(settings, launcherClasspath());
    }

    /**
     * Fault injection: stops the embedded PostgreSQL server (fast shutdown: open connections are cut) and leaves
     * it down until {@link #startPostgres()}. Only for the server this launcher started.
     */
    public void stopPostgres() {
        requireOwnPostgres();
        postgres.stop();
    }

    /** Starts the server stopped by {@link #stopPostgres()} again: same port, same data folder. */
    public void startPostgres() {
        requireOwnPostgres();
        postgres = PostgresServer.start(settings);
    }

    /**
     * Fault injection: terminates every server process connected to the database ({@code pg_terminate_backend},
     * as the administrative login), as a network cut or a database fail-over would. Answers how many it ended.
     */
    public int terminateBackends(String database) {
        return postgres.terminateBackends(database);
    }

    private KafkaBroker requireOwnKafka() {
        if (kafka == null) {
            throw new IllegalStateException("Kafka is external (" + settings.kafkaBootstrap() + "): not stopped here");
        }
        return kafka;
    }

    private void requireOwnPostgres() {
        if (settings.externalPostgres().isPresent()) {
            throw new IllegalStateException("PostgreSQL is external: not stopped here");
        }
    }

    @Override
    public void close() {
        // the services stop at once: each takes seconds (consumers leave their groups, a first run writes its
        // class-data-sharing archive), and nothing they hold depends on another's stopping first (Kafka keeps
        // what was published; consumers commit only what they have recorded)
        List<Thread> stopping = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            out.println("Stopping " + service.spec().module());
            Thread stop = new Thread(service::stop, "stop-" + service.spec().module());
            stop.start();
            stopping.add(stop);
        }
        for (Thread stop : stopping) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (kafka != null) {
            out.println("Stopping Kafka");
            kafka.stop();
        }
        if (postgres != null) {
            out.println("Stopping PostgreSQL");
            postgres.stop();
        }
    }

    /** The launcher's own classpath, written by the build; the Kafka broker runs with it. */
    static String launcherClasspath() {
        try (InputStream in = LocalSystem.class.getResourceAsStream("/consentline-launcher.classpath")) {
            if (in == null) {
                throw new IllegalStateException("consentline-launcher.classpath is missing: build the deploy module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
