package io.consentline.audit.repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.consentline.audit.domain.chain.AuditRecord;
import io.consentline.audit.domain.chain.StoredEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The {@code audit_entry} table: appends many rows in one statement, reads rows back as stored. There is no
 * update or delete path, and the service's database role could not use one anyway.
 */
@ApplicationScoped
public class AuditLogRepository {

    static final String COLUMNS = """
            tenant, seq, prev_hash, hash, event_id, event_type, subject_id, identifier_hash, identifier_type,
            array_to_string(purposes, E'\\x1f') as purposes, channel, source, status_before, status_after,
            occurred_at, recorded_at, causation_id, kafka_topic, kafka_partition, kafka_offset, facts, key_id, sealed,
            chain_version, facts_hash, sealed_hash, unit
            """;

    // One statement for a whole batch: every column as an array, zipped by unnest.
    private static final String APPEND = appendTo("audit_entry");

    private static final String APPEND_AND_ADVANCE = "with appended as (" + appendTo("audit_entry") + "), moved as ("
            + ChainRepository.advanceStatement(28) + ") select 1";

    static String appendTo(String table) {
        return "insert into " + table + """
             (tenant, seq, prev_hash, hash, event_id, event_type, subject_id, identifier_hash,
                identifier_type, purposes, channel, source, status_before, status_after, occurred_at, recorded_at,
                causation_id, kafka_topic, kafka_partition, kafka_offset, facts, key_id, sealed, chain_version,
                facts_hash, sealed_hash, unit)
            select tenant, seq, prev_hash, hash, event_id, event_type, subject_id, identifier_hash, identifier_type,
                string_to_array(purposes, E'\\x1f'), channel, source, status_before, status_after, occurred_at,
                recorded_at, causation_id, kafka_topic, kafka_partition, kafka_offset, facts, key_id, sealed,
                chain_version, facts_hash, sealed_hash, unit
            from unnest($1::text[], $2::bigint[], $3::bytea[], $4::bytea[], $5::text[], $6::text[], $7::text[],
                $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                $15::timestamptz[], $16::timestamptz[], $17::text[], $18::text[], $19::int[], $20::bigint[],
                $21::text[], $22::uuid[], $23::bytea[], $24::int[], $25::bytea[], $26::bytea[],
                $27::bytea[])
              as r(tenant, seq, prev_hash, hash, event_id, event_type, subject_id, identifier_hash, identifier_type,
                purposes, channel, source, status_before, status_after, occurred_at, recorded_at, causation_id,
                kafka_topic, kafka_partition, kafka_offset, facts, key_id, sealed, chain_version, facts_hash,
                sealed_hash, unit)
            """;
    }

    /** Bytewise, as the unique index on event ids is (V4). */
    static final String RECORDED_EVENT_IDS = "select event_id from audit_entry where event_id collate \"C\" = any($1)";

    private final Pool pool;

    AuditLogRepository(Pool pool) {
        this.pool = pool;
    }

    /** Which of these event ids are in the log already. */
    public Uni<Set<String>> recordedEventIds(SqlClient tx, List<String> eventIds) {
        return tx.preparedQuery(RECORDED_EVENT_IDS)
                .execute(Tuple.of(eventIds.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(row -> found.add(row.getString("event_id")));
                    return found;
                });
    }

    /**
     * Inserts the rows and moves their chains' heads to the last of them, in one statement (one round trip while
     * the heads are locked).
     */
    public Uni<Void> append(SqlClient tx, List<AuditRecord> records, Map<String, ChainRepository.Head> heads) {
        Tuple arguments = columns(records);
        ChainRepository.advanceArguments(heads).forEach(arguments::addValue);
        return tx.preparedQuery(APPEND_AND_ADVANCE).execute(arguments).replaceWithVoid();
    }

    /** Inserts the rows, one statement; the chains' heads are moved by the caller ({@link ChainRepository#move}). */
    public Uni<Void> insert(SqlClient tx, List<AuditRecord> records) {
        return tx.preparedQuery(APPEND).execute(columns(records)).replaceWithVoid();
    }

    /** The records as one array per column, in the order of {@link #appendTo(String)}'s parameters. */
    static Tuple columns(List<AuditRecord> records) {
        int n = records.size();
        String[] tenant = new String[n], eventId = new String[n], eventType = new String[n],
                subjectId = new String[n], identifierHash = new String[n], identifierType = new String[n],
                purposes = new String[n], channel = new String[n], source = new String[n], before = new String[n],
                after = new String[n], causationId = new String[n], topic = new String[n], facts = new String[n];
        Long[] seq = new Long[n], offset = new Long[n];
        Integer[] partition = new Integer[n], version = new Integer[n];
        Buffer[] prevHash = new Buffer[n], hash = new Buffer[n], sealed = new Buffer[n], factsHash = new Buffer[n],
                sealedHash = new Buffer[n], unit = new Buffer[n];
        OffsetDateTime[] occurredAt = new OffsetDateTime[n], recordedAt = new OffsetDateTime[n];
        UUID[] keyId = new UUID[n];
        for (int i = 0; i < n; i++) {
            AuditRecord r = records.get(i);
            tenant[i] = r.tenant();
            seq[i] = r.seq();
            prevHash[i] = Sql.buffer(r.prevHash());
            hash[i] = Sql.buffer(r.hash());
            eventId[i] = r.eventId();
            eventType[i] = r.eventType();
            subjectId[i] = r.subjectId();
            identifierHash[i] = r.identifierHash();
            identifierType[i] = r.identifierType();
            purposes[i] = r.joinedPurposes();
            channel[i] = r.channel();
            source[i] = r.source();
            before[i] = r.statusBefore();
            after[i] = r.statusAfter();
            occurredAt[i] = Sql.utc(r.occurredAt());
            recordedAt[i] = Sql.utc(r.recordedAt());
            causationId[i] = r.causationId();
            topic[i] = r.kafkaTopic();
            partition[i] = r.kafkaPartition();
            offset[i] = r.kafkaOffset();
            facts[i] = r.facts();
            keyId[i] = r.keyId();
            sealed[i] = Sql.buffer(r.sealed());
            version[i] = r.version();
            factsHash[i] = Sql.buffer(r.factsHash());
            sealedHash[i] = Sql.buffer(r.sealedHash());
            unit[i] = Sql.buffer(r.unitToStore()); // the bytes its link covers (V7)
        }
        return Tuple.from(Arrays.asList(tenant, seq, prevHash, hash, eventId, eventType, subjectId,
                identifierHash, identifierType, purposes, channel, source, before, after, occurredAt, recordedAt,
                causationId, topic, partition, offset, facts, keyId, sealed, version, factsHash, sealedHash, unit));
    }

    /** Rows of a query whose select list is {@link #COLUMNS}, in the order returned. */
    static List<StoredEntry> entries(RowSet<Row> rows) {
        List<StoredEntry> entries = new ArrayList<>(rows.size());
        for (Row row : rows) {
            entries.add(entry(row));
        }
        return entries;
    }

    /**
     * The row as the service shows it: decoded from its unit (the bytes its link covers) when it has one, so what
     * is shown is what the chain proves; the columns are what finds it. Rows from before V7, and a row whose unit no
     * longer decodes (verify reports it as changed), are read from their columns.
     */
    static StoredEntry entry(Row row) {
        byte[] unit = Sql.bytes(row, "unit");
        if (unit != null) {
            try {
                return new StoredEntry(AuditRecord.ofUnit(unit, Sql.bytes(row, "prev_hash"), Sql.bytes(row, "hash"),
                        row.getString("facts"), Sql.bytes(row, "sealed")));
            } catch (IllegalArgumentException notAUnit) {
                // read from the columns below; the row's link no longer holds, and verify says so
            }
        }
        return new StoredEntry(fromColumns(row));
    }

    private static AuditRecord fromColumns(Row row) {
        return new AuditRecord(row.getString("tenant"), row.getLong("seq"), Sql.bytes(row, "prev_hash"),
                Sql.bytes(row, "hash"), row.getString("event_id"), row.getString("event_type"),
                row.getString("subject_id"), row.getString("identifier_hash"), row.getString("identifier_type"),
                AuditRecord.splitPurposes(row.getString("purposes")), row.getString("channel"), row.getString("source"),
                row.getString("status_before"), row.getString("status_after"),
                Sql.instant(row.getOffsetDateTime("occurred_at")), Sql.instant(row.getOffsetDateTime("recorded_at")),
                row.getString("causation_id"), row.getString("kafka_topic"), row.getInteger("kafka_partition"),
                row.getLong("kafka_offset"), row.getString("facts"), row.getUUID("key_id"), Sql.bytes(row, "sealed"),
                row.getShort("chain_version"), Sql.bytes(row, "facts_hash"), Sql.bytes(row, "sealed_hash"));
    }

    /** The row at one position of a tenant's chain; null when there is none. */
    public Uni<StoredEntry> atSeq(String tenant, long seq) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_entry where tenant = $1 and seq = $2")
                .execute(Tuple.of(tenant, seq))
                .map(rows -> rows.size() == 0 ? null : entry(rows.iterator().next()));
    }

    /** Every entry about one subject (by identifier hashes), in log order. */
    public Uni<List<StoredEntry>> ofIdentifiers(String tenant, List<String> identifierHashes) {
        return pool.preparedQuery("select " + COLUMNS + " from audit_entry where tenant = $1 "
                + "and identifier_hash = any($2) order by seq")
                .execute(Tuple.of(tenant, identifierHashes.toArray(String[]::new)))
                .map(AuditLogRepository::entries);
    }

    /** The identifier hashes the subject's changes were recorded under. */
    public Uni<List<String>> identifierHashesOf(String tenant, String subjectId) {
        return pool.preparedQuery("select distinct identifier_hash from audit_entry "
                + "where tenant = $1 and subject_id = $2")
                .execute(Tuple.of(tenant, subjectId))
                .map(rows -> {
                    List<String> hashes = new ArrayList<>();
                    rows.forEach(row -> hashes.add(row.getString("identifier_hash")));
                    return hashes;
                });
    }
}
