package io.consentline.audit.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.consentline.audit.OwnerConnection;
import io.quarkus.test.junit.QuarkusTest;

/**
 * V8 rebuilds the log with the verify's columns first. On a database of its own, migrated to V7 and given rows of
 * every kind a log can hold by then (v1, v2 without a stored unit, v2 with one), V8 must keep every value of every
 * row, every SQL encoding of them, and the log's protections: its constraints, its triggers and the service role's
 * grants (insert and select only).
 */
@QuarkusTest
class ChainColumnsFirstMigrationTest {

    /** Every column, named, so that the text is the same whatever the table's column order. */
    private static final String ROWS = """
            select string_agg(row(tenant, seq, prev_hash, hash, event_id, event_type, subject_id, identifier_hash,
                identifier_type, purposes, channel, source, status_before, status_after, occurred_at, recorded_at,
                causation_id, kafka_topic, kafka_partition, kafka_offset, facts, key_id, sealed, chain_version,
                facts_hash, sealed_hash, unit)::text, E'\\n' order by tenant, seq) from audit_entry""";

    /** What the SQL functions make of each row. */
    private static final String ENCODINGS = """
            select string_agg(concat_ws(' ', seq, encode(audit_unit(e), 'hex'), encode(audit_link(e), 'hex'),
                encode(case chain_version when 1 then audit_canonical(e) else audit_canonical_v2(e) end, 'hex')),
                E'\\n' order by seq) from audit_entry e""";

    private String database;
    private String url;
    private String appRole;
    private String owner;
    private String ownerPassword;

    @BeforeEach
    void aDatabaseAtV7WithRowsOfEveryKind() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String serviceUrl = config.getValue("quarkus.datasource.jdbc.url", String.class);
        database = "upgrade_" + UUID.randomUUID().toString().substring(0, 8);
        url = serviceUrl.substring(0, serviceUrl.lastIndexOf('/') + 1) + database;
        appRole = config.getValue("quarkus.datasource.username", String.class);
        owner = config.getValue("quarkus.flyway.username", String.class);
        ownerPassword = config.getValue("quarkus.flyway.password", String.class);
        try (Connection superuser = OwnerConnection.open(); Statement s = superuser.createStatement()) {
            s.execute("create database " + database);
        }
        migrate("7");
        try (Connection log = connect(); Statement s = log.createStatement()) {
            s.execute("""
                    insert into audit_entry (tenant, seq, prev_hash, hash, event_id, event_type, subject_id,
                        identifier_hash, identifier_type, purposes, channel, source, status_before, status_after,
                        occurred_at, recorded_at, causation_id, kafka_topic, kafka_partition, kafka_offset, facts,
                        key_id, sealed, chain_version, facts_hash, sealed_hash, unit)
                    values
                    ('acme', 1, sha256('\\x00'), sha256('\\x01'), 'e-1', 'consent.changed.v1', 's-1', 'ih-1', 'phone',
                     '{calls,sms}', 'voice', 'agent', null, 'GRANTED', '2026-01-02T03:04:05.123456Z',
                     '2026-01-02T03:04:06Z', null, 'consent.changes.v1', 0, 10, '{"a":1}', null, null, 1, null,
                     null, null),
                    ('acme', 2, sha256('\\x01'), sha256('\\x02'), 'e-2', 'consent.changed.v1', null, 'ih-2', 'email',
                     '{}', null, null, 'GRANTED', 'DENIED', '2026-01-02T03:04:07Z', '2026-01-02T03:04:08Z', 'c-1',
                     null, null, null, '{"b":2}', gen_random_uuid(), '\\xcafe', 2, sha256(convert_to('{"b":2}',
                     'UTF8')), sha256('\\xcafe'), null),
                    ('acme', 3, sha256('\\x02'), sha256('\\x03'), 'e-3', 'consent.submission.v1', 's-3', 'ih-3',
                     'visitor', '{analytics}', 'web', 'website', null, 'GRANTED', '2026-01-02T03:04:09Z',
                     '2026-01-02T03:04:10Z', null, 'consent.submissions.v1', 3, 99, '{"c":3}', null, null, 2,
                     sha256(convert_to('{"c":3}', 'UTF8')), null, '\\x0102030405'),
                    ('other', 1, sha256('\\x00'), sha256('\\x11'), 'e-4', 'audit.erasure.v1', null, 'ih-4', 'phone',
                     '{}', null, null, null, 'DENIED', '2026-01-02T03:04:11Z', '2026-01-02T03:04:12Z', null, null,
                     null, null, '{}', null, null, 2, sha256(convert_to('{}', 'UTF8')), null, null)""");
        }
    }

    @AfterEach
    void dropTheDatabase() throws SQLException {
        try (Connection superuser = OwnerConnection.open(); Statement s = superuser.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void everyRowAndItsEncodingsAreKeptAndTheVerifysColumnsComeFirst() throws SQLException {
        String rowsBefore = single(ROWS);
        String encodingsBefore = single(ENCODINGS);
        assertThat(rowsBefore.lines()).hasSize(4);

        migrate(null);

        assertThat(single(ROWS)).isEqualTo(rowsBefore);
        assertThat(single(ENCODINGS)).isEqualTo(encodingsBefore);
        assertThat(columns().subList(0, 6)).containsExactly("tenant", "seq", "prev_hash", "hash", "unit",
                "chain_version");
        assertThat(columns()).hasSize(27);
    }

    @Test
    void theLogKeepsItsConstraintsTriggersAndGrants() throws SQLException {
        migrate(null);

        try (Connection log = connect(); Statement s = log.createStatement()) {
            assertThatThrownBy(() -> s.execute("update audit_entry set status_after = 'DENIED' where seq = 1"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("delete from audit_entry where seq = 1"))
                    .hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("truncate audit_entry")).hasMessageContaining("append-only");
            // a unit on a v1 row, a short hash, a second row at the same place in a chain, an event id twice
            for (String refused : List.of(
                    "insert into audit_entry select * from audit_entry where seq = 1 and tenant = 'acme'",
                    "insert into audit_entry (tenant, seq, prev_hash, hash, unit, chain_version, event_id, event_type,"
                            + " identifier_hash, identifier_type, purposes, occurred_at, recorded_at, facts) values"
                            + " ('acme', 9, sha256('\\x00'), sha256('\\x00'), '\\x00', 1, 'e-9', 't', 'i', 'p',"
                            + " '{}', now(), now(), '{}')",
                    "insert into audit_entry (tenant, seq, prev_hash, hash, chain_version, event_id, event_type,"
                            + " identifier_hash, identifier_type, purposes, occurred_at, recorded_at, facts) values"
                            + " ('acme', 9, sha256('\\x00'), '\\x00', 1, 'e-9', 't', 'i', 'p', '{}', now(), now(),"
                            + " '{}')",
                    "insert into audit_entry (tenant, seq, prev_hash, hash, chain_version, event_id, event_type,"
                            + " identifier_hash, identifier_type, purposes, occurred_at, recorded_at, facts) values"
                            + " ('acme', 9, sha256('\\x00'), sha256('\\x00'), 1, 'e-1', 't', 'i', 'p', '{}', now(),"
                            + " now(), '{}')")) {
                assertThatThrownBy(() -> s.execute(refused)).as(refused).isInstanceOf(SQLException.class);
            }
            try (ResultSet grants = s.executeQuery("select privilege_type from information_schema.table_privileges"
                    + " where table_name = 'audit_entry' and grantee = '" + appRole + "' order by 1")) {
                List<String> privileges = new ArrayList<>();
                while (grants.next()) {
                    privileges.add(grants.getString(1));
                }
                assertThat(privileges).containsExactly("INSERT", "SELECT");
            }
            try (ResultSet indexes = s.executeQuery("select string_agg(indexname, ',' order by indexname)"
                    + " from pg_indexes where tablename = 'audit_entry'")) {
                indexes.next();
                assertThat(indexes.getString(1)).isEqualTo("audit_entry_by_identifier,audit_entry_by_subject,"
                        + "audit_entry_event_id_bytewise,audit_entry_tenant_seq_key");
            }
        }
    }

    private void migrate(String target) {
        var flyway = Flyway.configure()
                .dataSource(url, owner, ownerPassword)
                .locations("filesystem:src/main/resources/db/migration")
                .placeholders(Map.of("app_role", appRole));
        if (target != null) {
            flyway.target(target);
        }
        flyway.load().migrate();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, owner, ownerPassword);
    }

    private String single(String query) throws SQLException {
        try (Connection log = connect(); Statement s = log.createStatement(); ResultSet rows = s.executeQuery(query)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private List<String> columns() throws SQLException {
        try (Connection log = connect()) {
            return columnsOf(log);
        }
    }

    /** The log's columns in table order. */
    static List<String> columnsOf(Connection connection) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("select attname from pg_attribute where attrelid = "
                        + "'audit_entry'::regclass and attnum > 0 and not attisdropped order by attnum")) {
            while (rows.next()) {
                columns.add(rows.getString(1));
            }
        }
        return columns;
    }
}
