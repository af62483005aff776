package io.consentline.consent.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import io.agroal.api.AgroalDataSource;

/**
 * Suppression lists in PostgreSQL, loaded with COPY over JDBC (blocking: call it from a worker thread). Each
 * import goes into its own table, is indexed after loading, attached as a partition of
 * {@code suppression_entry} and switched in with one update, so readers see the old list or the new one,
 * never a mix; the replaced import's partition is then dropped.
 */
@ApplicationScoped
public class SuppressionListStore {

    private static final int COPY_BUFFER = 64 * 1024;

    private final AgroalDataSource dataSource;

    SuppressionListStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A list as the admin sees it. */
    public record ListInfo(String name, List<String> purposes, long size, Instant importedAt, String importedBy) {
    }

    /**
     * Replaces the list's content with the hashes (32 bytes each), creating the list if needed; answers the
     * number of rows loaded.
     */
    public long replace(String tenant, String name, List<String> purposes, String actor, Iterator<byte[]> hashes,
            Instant now) throws SQLException, IOException {
        long importId;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            long listId = upsertList(c, tenant, name);
            importId = newImport(c, listId, now);
            try (Statement s = c.createStatement()) {
                s.execute("create table " + partition(importId) + " (number_hash bytea not null, "
                        + "import_id bigint not null default " + importId + " check (import_id = " + importId + "))");
            }
            c.commit();
        }
        try {
            long rows = load(importId, hashes);
            switchIn(tenant, name, purposes, actor, importId, rows, now);
            return rows;
        } catch (SQLException | IOException | RuntimeException e) {
            fail(importId);
            throw e;
        }
    }

    public List<ListInfo> lists(String tenant) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("""
                select name, purposes, size, imported_at, imported_by from suppression_list
                where tenant = ? and active_import_id is not null order by name""")) {
            q.setString(1, tenant);
            List<ListInfo> lists = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Array purposes = rs.getArray(2);
                    Timestamp at = rs.getTimestamp(4);
                    lists.add(new ListInfo(rs.getString(1),
                            purposes == null ? null : List.of((String[]) purposes.getArray()), rs.getLong(3),
                            at == null ? null : at.toInstant(), rs.getString(5)));
                }
            }
            return lists;
        }
    }

    /** Removes the list; answers false when the tenant has no such list. */
    public boolean delete(String tenant, String name) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Optional<Long> active;
            try (PreparedStatement q = c.prepareStatement(
                    "select active_import_id from suppression_list where tenant = ? and name = ? for update")) {
                q.setString(1, tenant);
                q.setString(2, name);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) {
                        c.rollback();
                        return false;
                    }
                    long id = rs.getLong(1);
                    active = rs.wasNull() ? Optional.empty() : Optional.of(id);
                }
            }
            if (active.isEmpty()) {
                c.rollback();
                return false;
            }
            try (PreparedStatement u = c.prepareStatement("""
                    update suppression_list set active_import_id = null, size = 0 where tenant = ? and name = ?""")) {
                u.setString(1, tenant);
                u.setString(2, name);
                u.executeUpdate();
            }
            c.commit();
            if (active.isPresent()) {
                drop(c, active.get(), "replaced");
            }
            return true;
        }
    }

    private long load(long importId, Iterator<byte[]> hashes) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + partition(importId) + " (number_hash) from stdin");
            try {
                byte[] buffer = new byte[COPY_BUFFER];
                int used = 0;
                HexFormat hex = HexFormat.of();
                while (hashes.hasNext()) {
                    // text format: bytea as \x<hex>, one row per line
                    byte[] line = ("\\\\x" + hex.formatHex(hashes.next()) + "\n").getBytes(StandardCharsets.US_ASCII);
                    if (used + line.length > buffer.length) {
                        copy.writeToCopy(buffer, 0, used);
                        used = 0;
                    }
                    System.arraycopy(line, 0, buffer, used, line.length);
                    used += line.length;
                }
                if (used > 0) {
                    copy.writeToCopy(buffer, 0, used);
                }
                return copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
    }

    private void switchIn(String tenant, String name, List<String> purposes, String actor, long importId, long rows,
            Instant now) throws SQLException {
        Optional<Long> replaced;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create index on " + partition(importId) + " (number_hash)");
                s.execute("alter table suppression_entry attach partition " + partition(importId)
                        + " for values in (" + importId + ")");
            }
            try (PreparedStatement q = c.prepareStatement(
                    "select active_import_id from suppression_list where tenant = ? and name = ? for update")) {
                q.setString(1, tenant);
                q.setString(2, name);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    long old = rs.getLong(1);
                    replaced = rs.wasNull() ? Optional.empty() : Optional.of(old);
                }
            }
            try (PreparedStatement u = c.prepareStatement("""
                    update suppression_list set active_import_id = ?, size = ?, imported_at = ?, imported_by = ?,
                      purposes = ? where tenant = ? and name = ?""")) {
                u.setLong(1, importId);
                u.setLong(2, rows);
                u.setTimestamp(3, Timestamp.from(now));
                u.setString(4, actor);
                u.setArray(5, purposes == null || purposes.isEmpty() ? null
                        : c.createArrayOf("text", purposes.toArray()));
                u.setString(6, tenant);
                u.setString(7, name);
                u.executeUpdate();
            }
            try (PreparedStatement u = c.prepareStatement(
                    "update suppression_import set status = 'active', rows = ?, finished_at = ? where id = ?")) {
                u.setLong(1, rows);
                u.setTimestamp(2, Timestamp.from(Instant.now()));
                u.setLong(3, importId);
                u.executeUpdate();
            }
            c.commit();
            if (replaced.isPresent()) {
                drop(c, replaced.get(), "replaced");
            }
        }
    }

    private void fail(long importId) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("update suppression_import set status = 'failed', finished_at = now() where id = " + importId);
                s.execute("drop table if exists " + partition(importId));
            }
        } catch (SQLException e) {
            // the import stays 'loading'; its table is left for an operator: nothing reads it
        }
    }

    private static void drop(Connection c, long importId, String status) throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("alter table suppression_entry detach partition " + partition(importId));
            s.execute("drop table " + partition(importId));
            s.execute("update suppression_import set status = '" + status + "' where id = " + importId);
        }
    }

    private static long upsertList(Connection c, String tenant, String name) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "insert into suppression_list (tenant, name) values (?, ?) on conflict (tenant, name) do nothing")) {
            u.setString(1, tenant);
            u.setString(2, name);
            u.executeUpdate();
        }
        try (PreparedStatement q = c.prepareStatement("select id from suppression_list where tenant = ? and name = ?")) {
            q.setString(1, tenant);
            q.setString(2, name);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long newImport(Connection c, long listId, Instant now) throws SQLException {
        try (PreparedStatement u = c.prepareStatement(
                "insert into suppression_import (list_id, status, started_at) values (?, 'loading', ?) returning id")) {
            u.setLong(1, listId);
            u.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = u.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Import ids are numbers from a sequence, so the table name is safe to build. */
    private static String partition(long importId) {
        return "suppression_entry_p" + importId;
    }
}
