package io.consentline.testsupport;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL for tests: the embedded PostgreSQL binaries (17) by default, or an existing server when
 * {@code CONSENTLINE_TEST_PG_HOST} is set (with {@code _PORT}, {@code _USER}, {@code _PASSWORD}). Every
 * database it hands out is new, so test runs never see each other's data.
 */
public final class TestPostgres implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private TestPostgres(EmbeddedPostgres embedded, String host, int port, String user, String password) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static TestPostgres start() {
        String externalHost = System.getenv("CONSENTLINE_TEST_PG_HOST");
        if (externalHost != null && !externalHost.isBlank()) {
            return new TestPostgres(null, externalHost,
                    Integer.parseInt(envOr("CONSENTLINE_TEST_PG_PORT", "5432")),
                    envOr("CONSENTLINE_TEST_PG_USER", "postgres"),
                    envOr("CONSENTLINE_TEST_PG_PASSWORD", ""));
        }
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
            return new TestPostgres(pg, "localhost", pg.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new IllegalStateException("embedded PostgreSQL did not start", e);
        }
    }

    /** Creates a new, empty database whose name starts with the given prefix. */
    public Database createDatabase(String prefix) {
        String name = (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres",
                user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new Database(host, port, name, user, password);
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException("embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
