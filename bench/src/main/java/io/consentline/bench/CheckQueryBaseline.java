package io.consentline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.consentline.deploy.LocalSystem;

/**
 * A second baseline for the single check: the check's own SQL statement, run by the bench straight against
 * consent-service's database (JDBC, server-side prepared, one connection per thread) with the same number of
 * requests in flight and the same subject. The check cannot be faster than its one round trip to PostgreSQL, so
 * this separates what the service adds (HTTP, token verification, domain rules, signing) from what the database
 * costs on the same cores. Kept in step with consent-service's {@code CheckStateReader.QUERY}.
 */
final class CheckQueryBaseline {

    private static final String QUERY = """
            select 'state', st.purpose, st.status, st.updated_at, st.expires_at, r.source, r.policy_version, r.id
            from subject_identifier i
            join consent_state st on st.tenant = i.tenant and st.subject_id = i.subject_id
            join consent_record r on r.id = st.record_id
            where i.tenant = ? and i.identifier_hash = ? and st.channel = ? and st.purpose in (?, '*')
            union all
            select 'suppressed', l.name, null, null, null, null, null, null
            from suppression_list l
            join suppression_entry e on e.import_id = l.active_import_id and e.number_hash = ?
            where ? and l.tenant = ? and (l.purposes is null or ? = any(l.purposes))""";

    private CheckQueryBaseline() {
    }

    /** Statements per second over {@code duration}, {@code threads} in flight, for the tenant's granted subject. */
    static double statementsPerSecond(LocalSystem system, String tenant, String purpose, String channel, int threads,
            Duration duration) throws Exception {
        String[] login = system.jdbcLogin("consent");
        String identifierHash = grantedSubject(login, tenant, purpose, channel);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong executed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread worker = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(login[0], login[1], login[2]);
                        PreparedStatement query = c.prepareStatement(QUERY)) {
                    query.setString(1, tenant);
                    query.setString(2, identifierHash);
                    query.setString(3, channel);
                    query.setString(4, purpose);
                    query.setBytes(5, HexFormat.of().parseHex(identifierHash));
                    query.setBoolean(6, true);
                    query.setString(7, tenant);
                    query.setString(8, purpose);
                    while (running.get()) {
                        try (ResultSet rows = query.executeQuery()) {
                            while (rows.next()) {
                                rows.getString(1);
                            }
                        }
                        executed.incrementAndGet();
                    }
                } catch (SQLException e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "check-query-baseline-" + i);
            worker.start();
            workers.add(worker);
        }
        // warm up: let every connection prepare the statement server-side (pgjdbc does after 5 executions)
        Thread.sleep(Math.min(2_000, duration.toMillis() / 4));
        long before = executed.get();
        long started = System.nanoTime();
        Thread.sleep(duration.toMillis());
        double rate = (executed.get() - before) / ((System.nanoTime() - started) / 1e9);
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("the check's statement failed in the baseline", failures.get(0));
        }
        return rate;
    }

    private static String grantedSubject(String[] login, String tenant, String purpose, String channel)
            throws SQLException {
        try (Connection c = DriverManager.getConnection(login[0], login[1], login[2]);
                PreparedStatement find = c.prepareStatement("""
                        select i.identifier_hash from subject_identifier i
                        join consent_state st on st.tenant = i.tenant and st.subject_id = i.subject_id
                        where i.tenant = ? and st.purpose = ? and st.channel = ? limit 1""")) {
            find.setString(1, tenant);
            find.setString(2, purpose);
            find.setString(3, channel);
            try (ResultSet rows = find.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("no subject with " + purpose + "/" + channel + " in " + tenant);
                }
                return rows.getString(1);
            }
        }
    }
}
