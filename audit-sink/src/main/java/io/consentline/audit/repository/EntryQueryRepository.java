package io.consentline.audit.repository;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.AuditQuery;
import io.consentline.audit.domain.chain.StoredEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Filtered reads of one tenant's log in position order (its chain's seq), for pages and exports. The SQL names
 * only the filters given, so each query form gets the plan of its index: {@code audit_entry_by_identifier},
 * {@code audit_entry_by_subject} (hash indexes: one subject's few rows, then sorted), or the chain's
 * {@code unique (tenant, seq)} for tenant-wide reads.
 */
@ApplicationScoped
public class EntryQueryRepository {

    private final Pool pool;

    EntryQueryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Up to {@code limit} entries of the tenant matching the query, after its cursor, in position order.
     *
     * @param identifierHash the keyed hash of the query's identifier; null when it names none
     */
    public Uni<List<StoredEntry>> find(String tenant, String identifierHash, AuditQuery query, int limit) {
        List<Object> values = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select ").append(AuditLogRepository.COLUMNS)
                .append(" from audit_entry where tenant = $1 and seq > $2");
        values.add(tenant);
        values.add(query.after());
        condition(sql, values, "identifier_hash = $", identifierHash);
        condition(sql, values, "subject_id = $", query.subjectId());
        condition(sql, values, "$%s = any(purposes)", query.purpose());
        condition(sql, values, "channel = $", query.channel());
        condition(sql, values, "source = $", query.source());
        condition(sql, values, "event_type = $", query.type() == null ? null : query.type().eventType());
        condition(sql, values, "occurred_at >= $", Sql.utc(query.from()));
        condition(sql, values, "occurred_at < $", Sql.utc(query.to()));
        values.add((long) limit);
        sql.append(" order by seq limit $").append(values.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.from(values)).map(AuditLogRepository::entries);
    }

    /** Appends {@code and <condition>} with the value as the next parameter, when there is a value. */
    private static void condition(StringBuilder sql, List<Object> values, String condition, Object value) {
        if (value == null) {
            return;
        }
        values.add(value);
        String parameter = Integer.toString(values.size());
        sql.append(" and ").append(condition.contains("%s") ? condition.formatted(parameter)
                : condition + parameter);
    }
}
