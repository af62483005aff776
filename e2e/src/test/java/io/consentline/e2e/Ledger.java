package io.consentline.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.consentline.deploy.LocalSystem;
import io.consentline.e2e.Traffic.Attempt;
import io.consentline.e2e.Traffic.Kind;
import io.consentline.e2e.Traffic.Write;

/**
 * What the system holds for a tenant, read straight from the services' databases, set against what the client
 * was told: the accounting of one fault. Consent state is {@code consent_record} in consent-service's database
 * (by causation id); the audit log is {@code audit_entry} in audit-sink's (submissions by event id, changes by
 * causation id).
 */
final class Ledger {

    private final LocalSystem system;

    Ledger(LocalSystem system) {
        this.system = system;
    }

    /** Counts per id of one tenant's rows. */
    record Holdings(Map<String, Integer> records, Map<String, Integer> submissions, Map<String, Integer> changes) {
    }

    Holdings holdings(String tenant) {
        return new Holdings(
                counts("consent", "select causation_id, count(*) from consent_record where tenant = ? "
                        + "group by causation_id", tenant),
                counts("audit", "select event_id, count(*) from audit_entry where tenant = ? "
                        + "and event_type = 'consent.submission.v1' group by event_id", tenant),
                counts("audit", "select causation_id, count(*) from audit_entry where tenant = ? "
                        + "and event_type = 'consent.changed.v1' group by causation_id", tenant));
    }

    /** Outbox rows consent-service has not yet published. */
    long unpublished() {
        return single("consent", "select count(*) from outbox where sent_at is null");
    }

    /** One row of the accounting: one kind of write under one fault. */
    static final class Row {
        final Kind kind;
        int sent;
        int ackedFirstTry;
        int ackedOnRetry;
        int neverAcked;
        final Map<String, Integer> failures = new TreeMap<>();
        int failuresNotProblemJson;
        int stored;
        int storedMissing;
        int storedTwice;
        int audited;
        int auditMissing;
        int auditedTwice;
        int storedWithoutAck;
        /** Each acknowledged write missing somewhere: its ref and where it is missing (printed with the table). */
        final List<String> lost = new ArrayList<>();

        Row(Kind kind) {
            this.kind = kind;
        }
    }

    /** The accounting of one fault. */
    record Accounting(String fault, String tenant, Map<Kind, Row> rows) {

        int total(java.util.function.ToIntFunction<Row> f) {
            return rows.values().stream().mapToInt(f).sum();
        }
    }

    Accounting account(String fault, Traffic.Run run) {
        Holdings h = holdings(run.tenant.id);
        Map<Kind, Row> rows = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            rows.put(k, new Row(k));
        }
        Set<String> known = new HashSet<>(run.tenant.setupRefs);
        for (Write w : run.writes) {
            Row row = rows.get(w.kind);
            row.sent++;
            List<Attempt> attempts = w.attempts();
            for (Attempt a : attempts) {
                if (!a.acknowledged()) {
                    row.failures.merge(a.outcome(), 1, Integer::sum);
                    if (a.status() >= 0 && !a.isProblem()) {
                        row.failuresNotProblemJson++;
                    }
                }
            }
            if (!w.acknowledged()) {
                row.neverAcked++;
                continue;
            }
            if (attempts.get(0).acknowledged()) {
                row.ackedFirstTry++;
            } else {
                row.ackedOnRetry++;
            }
            known.add(w.ref);
            int stored = h.records().getOrDefault(w.ref, 0);
            int audited = h.changes().getOrDefault(w.ref, 0);
            boolean submission = w.kind != Kind.CONSENT;
            int submissions = submission ? h.submissions().getOrDefault(w.ref, 0) : 1;
            if (stored == 1) {
                row.stored++;
            } else if (stored == 0) {
                row.storedMissing++;
                row.lost.add(w.ref + ": not in the consent state");
            } else {
                row.storedTwice++;
            }
            if (audited == 1 && submissions == 1) {
                row.audited++;
            } else if (audited == 0 || submissions == 0) {
                row.auditMissing++;
                row.lost.add(w.ref + ": " + (audited == 0 ? "no audit entry of its change" : "")
                        + (audited == 0 && submissions == 0 ? ", " : "")
                        + (submissions == 0 ? "no audit entry of its submission" : ""));
            } else {
                row.auditedTwice++;
            }
        }
        // records nobody was told about: a failed choice the broker took after all (not a loss; reported)
        for (String ref : h.records().keySet()) {
            if (!known.contains(ref)) {
                rows.get(ref.startsWith("api:") ? Kind.CONSENT : Kind.CHOICE).storedWithoutAck++;
            }
        }
        return new Accounting(fault, run.tenant.id, rows);
    }

    /** The accounting as a table, for the build log. */
    static String table(Accounting a, List<String> extraLines) {
        StringBuilder out = new StringBuilder();
        String line = "+---------+-------+-------------+----------+-------------------------------+--------+--------"
                + "+---------+---------+-----------+";
        out.append("\n=== fault: ").append(a.fault()).append(" (tenant ").append(a.tenant()).append(") ===\n");
        out.append(line).append('\n');
        out.append(String.format("| %-7s | %5s | %-11s | %-8s | %-29s | %6s | %6s | %7s | %7s | %9s |%n", "kind",
                "sent", "acked 1st/r", "not ackd", "failed attempts (status: n)", "stored", "audited", "lost",
                "twice", "unacked*"));
        out.append(line).append('\n');
        for (Row r : a.rows().values()) {
            out.append(String.format("| %-7s | %5d | %5d/%-5d | %8d | %-29s | %6d | %6d | %7d | %7d | %9d |%n",
                    r.kind, r.sent, r.ackedFirstTry, r.ackedOnRetry, r.neverAcked, failures(r), r.stored,
                    r.audited, r.storedMissing + r.auditMissing, r.storedTwice + r.auditedTwice,
                    r.storedWithoutAck));
        }
        out.append(line).append('\n');
        for (String extra : extraLines) {
            out.append("  ").append(extra).append('\n');
        }
        for (Row r : a.rows().values()) {
            if (!r.lost.isEmpty()) { // which writes, and where they are missing: the start of any diagnosis
                out.append("  lost ").append(r.kind).append(": ")
                        .append(String.join("; ", r.lost.subList(0, Math.min(10, r.lost.size()))))
                        .append(r.lost.size() > 10 ? "; ..." : "").append('\n');
            }
        }
        out.append("  (acked 1st/r: acknowledged on the first try / on a client retry with the same key; lost and "
                + "twice count state and audit; unacked*: stored though the client got an error)\n");
        return out.toString();
    }

    private static String failures(Row r) {
        if (r.failures.isEmpty()) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        r.failures.forEach((status, n) -> parts.add(status + ": " + n));
        return String.join(", ", parts);
    }

    private Map<String, Integer> counts(String database, String sql, String tenant) {
        Map<String, Integer> counts = new HashMap<>();
        try (Connection c = connect(database); PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, tenant);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getInt(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database, e);
        }
        return counts;
    }

    private long single(String database, String sql) {
        try (Connection c = connect(database); PreparedStatement q = c.prepareStatement(sql);
                ResultSet rs = q.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database, e);
        }
    }

    private Connection connect(String database) throws SQLException {
        String[] login = system.jdbcLogin(database);
        return DriverManager.getConnection(login[0], login[1], login[2]);
    }
}
