package io.consentline.audit.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.AuditEntry;
import io.consentline.audit.domain.InvalidChangeException;
import io.consentline.audit.domain.LogPosition;
import io.consentline.audit.domain.NewAuditEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;

/**
 * The {@code audit_entry} table, through the reactive SQL client. Appends only: the table has no update or
 * delete path here, and the database refuses them anyway.
 */
@ApplicationScoped
public class AuditEntryRepository {

    private static final String APPEND = """
            insert into audit_entry (event_id, tenant, subject_id, identifier_hash, identifier_type, event_type,
                purpose, channel, status_before, status_after, source, occurred_at, kafka_partition, kafka_offset,
                payload)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::text::jsonb)
            on conflict (event_id) do nothing""";

    private static final String SELECT = """
            select id, event_id, subject_id, identifier_type, purpose, channel, status_before, status_after, source,
                occurred_at, recorded_at, payload
            from audit_entry
            """;

    // served by index audit_entry_by_identifier (tenant, identifier_hash, id)
    private static final String BY_IDENTIFIER = SELECT + """
            where tenant = $1 and identifier_hash = $2 and id > $3 and ($4::text is null or purpose = $4)
            order by id limit $5""";

    // served by index audit_entry_by_subject (tenant, subject_id, id)
    private static final String BY_SUBJECT = SELECT + """
            where tenant = $1 and subject_id = $2 and id > $3 and ($4::text is null or purpose = $4)
            order by id limit $5""";

    private final Pool pool;

    AuditEntryRepository(Pool pool) {
        this.pool = pool;
    }

    /**
     * Appends the entry unless one with its event id exists. Completes once the insert has committed: true when
     * appended, false for a repeat. A value the database refuses as data (SQLSTATE classes 22 and 23) fails with
     * {@link InvalidChangeException}, since retrying cannot help; anything else is left to the caller's retry.
     */
    public Uni<Boolean> append(NewAuditEntry entry) {
        LogPosition position = entry.position();
        Tuple values = Tuple.from(new Object[] { entry.eventId(), entry.tenant(), entry.subjectId(),
                entry.identifierHash(), entry.identifierType(), entry.eventType(), entry.purpose(), entry.channel(),
                entry.before(), entry.after(), entry.source(), utc(entry.occurredAt()),
                position == null ? null : position.partition(), position == null ? null : position.offset(),
                entry.payloadJson() });
        return pool.preparedQuery(APPEND).execute(values)
                .map(rows -> rows.rowCount() == 1)
                .onFailure(AuditEntryRepository::isRefusedData)
                .transform(e -> new InvalidChangeException(
                        "the audit log refuses the change (SQLSTATE " + ((PgException) e).getSqlState() + ")"));
    }

    /** One subject's entries found by identifier hash, after the cursor, in id order. */
    public Uni<List<AuditEntry>> findByIdentifier(String tenant, String identifierHash, String purpose, long after,
            int limit) {
        return pool.preparedQuery(BY_IDENTIFIER)
                .execute(Tuple.of(tenant, identifierHash, after, purpose, (long) limit))
                .map(AuditEntryRepository::entries);
    }

    /** One subject's entries found by subject id, after the cursor, in id order. */
    public Uni<List<AuditEntry>> findBySubject(String tenant, String subjectId, String purpose, long after,
            int limit) {
        return pool.preparedQuery(BY_SUBJECT)
                .execute(Tuple.of(tenant, subjectId, after, purpose, (long) limit))
                .map(AuditEntryRepository::entries);
    }

    private static List<AuditEntry> entries(RowSet<Row> rows) {
        List<AuditEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            entries.add(entry(row));
        }
        return entries;
    }

    private static AuditEntry entry(Row row) {
        JsonObject payload = row.getJsonObject("payload");
        JsonObject evidence = payload.getValue("evidence") instanceof JsonObject e ? e : null;
        return new AuditEntry(row.getLong("id"), row.getString("event_id"), row.getString("subject_id"),
                row.getString("identifier_type"), row.getString("purpose"), row.getString("channel"),
                row.getString("status_before"), row.getString("status_after"), row.getString("source"),
                instant(row.getOffsetDateTime("occurred_at")), instant(row.getOffsetDateTime("recorded_at")),
                text(payload, "policyVersion"), text(payload, "policyTextHash"),
                evidence == null ? null : evidence.getMap(), text(payload, "causationId"));
    }

    private static String text(JsonObject payload, String field) {
        Object value = payload.getValue(field);
        return value == null ? null : value.toString();
    }

    private static boolean isRefusedData(Throwable e) {
        if (!(e instanceof PgException pg) || pg.getSqlState() == null) {
            return false;
        }
        return pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23");
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
