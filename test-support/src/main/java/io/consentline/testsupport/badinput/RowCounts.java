package io.consentline.testsupport.badinput;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the rows of every table of a service's database: a tenant's rows where the table has a {@code tenant}
 * column, all rows where it has none (e.g. the outbox). Staging tables named {@code <table>_p<n>} (partitions
 * being loaded) are left out. Compared before and after a run of bad input, it proves
 * that nothing was stored.
 */
public final class RowCounts {

    private final String jdbcUrl;
    private final String user;
    private final String password;

    public RowCounts(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
    }

    /** Table name (with {@code [tenant]} when counted for the tenant) to row count. */
    public Map<String, Long> of(String tenant) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password)) {
            for (String[] table : tables(c)) {
                boolean byTenant = table[1] != null;
                String sql = "select count(*) from " + quote(table[0]) + (byTenant ? " where tenant = ?" : "");
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    if (byTenant) {
                        s.setString(1, tenant);
                    }
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        counts.put(table[0] + (byTenant ? " [tenant]" : ""), rs.getLong(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count rows", e);
        }
        return counts;
    }

    private static List<String[]> tables(Connection c) throws SQLException {
        // ordinary and partitioned tables; partitions are counted through their parent
        String sql = """
                select t.relname, (select a.attname from pg_attribute a where a.attrelid = t.oid and a.attname = 'tenant'
                                   and not a.attisdropped)
                from pg_class t join pg_namespace n on n.oid = t.relnamespace
                where n.nspname = current_schema() and t.relkind in ('r', 'p') and not t.relispartition
                  and t.relname not like 'flyway%'
                  -- an import's staging table (a partition-to-be, empty once dropped): its rows count once attached
                  and t.relname !~ '_p[0-9]+$'
                order by t.relname""";
        List<String[]> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                tables.add(new String[] { rs.getString(1), rs.getString(2) });
            }
        }
        return tables;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
