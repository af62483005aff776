package io.consentline.consent.repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.consentline.consent.domain.BatchPlanner.SubjectKey;
import io.consentline.consent.domain.ConsentKey;
import io.consentline.consent.domain.CurrentConsent;
import io.consentline.consent.domain.policy.TenantPolicy;
import io.consentline.events.Channel;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The statements that apply a whole batch of submissions, each one statement for the whole batch (arrays zipped
 * by {@code unnest}), on the caller's connection and inside its transaction. Plain reactive SQL, no ORM session:
 * with the session, a submission cost ~12 statements and ~5 ms of CPU. The entities are only value holders here.
 */
@ApplicationScoped
public class SubmissionBatchRepository {

    private final TenantPolicyRepository policies;
    private final ObjectMapper json;

    SubmissionBatchRepository(TenantPolicyRepository policies, ObjectMapper json) {
        this.policies = policies;
        this.json = json;
    }

    /** An identifier as the index knows it: the keyed hash, per tenant. */
    public record IdentifierKey(String tenant, String hash, String type) {
    }

    /** Claims the event ids: answers those claimed now, not those applied before. */
    public Uni<Set<String>> claim(SqlConnection tx, List<String> eventIds, Instant now) {
        return tx.preparedQuery("""
                insert into processed_message (message_id, processed_at) select unnest($1::text[]), $2
                on conflict do nothing returning message_id""")
                .execute(Tuple.of(eventIds.toArray(String[]::new), utc(now)))
                .map(rows -> {
                    Set<String> claimed = new HashSet<>();
                    rows.forEach(row -> claimed.add(row.getString(0)));
                    return claimed;
                });
    }

    /** The tenants' policies; the strict default for a tenant without one. */
    public Uni<Map<String, TenantPolicy>> policiesOf(SqlConnection tx, Set<String> tenants) {
        return tx.preparedQuery("select tenant, cast(policy as text) from tenant_policy where tenant = any($1)")
                .execute(Tuple.of(tenants.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, TenantPolicy> found = new HashMap<>();
                    tenants.forEach(t -> found.put(t, TenantPolicy.DEFAULT));
                    rows.forEach(row -> found.put(row.getString(0), policies.parse(row.getString(1))));
                    return found;
                });
    }

    /** The subjects the identifiers point at; an identifier with none is missing from the answer. */
    public Uni<Map<IdentifierKey, UUID>> subjectsOf(SqlConnection tx, Collection<IdentifierKey> identifiers) {
        if (identifiers.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Map<List<String>, IdentifierKey> byHash = new HashMap<>();
        identifiers.forEach(i -> byHash.put(List.of(i.tenant(), i.hash()), i));
        return tx.preparedQuery("""
                select i.tenant, i.identifier_hash, i.subject_id from subject_identifier i
                join unnest($1::text[], $2::text[]) as k(tenant, hash) on i.tenant = k.tenant and i.identifier_hash = k.hash""")
                .execute(Tuple.of(column(identifiers, IdentifierKey::tenant), column(identifiers, IdentifierKey::hash)))
                .map(rows -> {
                    Map<IdentifierKey, UUID> found = new HashMap<>();
                    rows.forEach(row -> found.put(byHash.get(List.of(row.getString(0), row.getString(1))),
                            row.getUUID(2)));
                    return found;
                });
    }

    /**
     * New subjects, one per identifier, linked to it. Answers the identifiers linked now; one that another
     * transaction linked first is left out (its subject is that transaction's: look it up again).
     */
    public Uni<Map<IdentifierKey, UUID>> create(SqlConnection tx, Collection<IdentifierKey> identifiers, Instant now) {
        if (identifiers.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        // in key order, as every batch does: two batches linking the same identifiers never wait on each other crosswise
        List<IdentifierKey> keys = identifiers.stream()
                .sorted(Comparator.comparing(IdentifierKey::tenant).thenComparing(IdentifierKey::hash)).toList();
        UUID[] ids = keys.stream().map(k -> UUID.randomUUID()).toArray(UUID[]::new);
        String[] tenants = column(keys, IdentifierKey::tenant);
        return tx.preparedQuery("""
                insert into subject (id, tenant, created_at)
                select id, tenant, $3 from unnest($1::uuid[], $2::text[]) as s(id, tenant)""")
                .execute(Tuple.of(ids, tenants, utc(now)))
                .chain(() -> tx.preparedQuery("""
                        insert into subject_identifier (tenant, identifier_hash, identifier_type, subject_id)
                        select * from unnest($1::text[], $2::text[], $3::text[], $4::uuid[])
                        on conflict do nothing returning subject_id""")
                        .execute(Tuple.of(tenants, column(keys, IdentifierKey::hash), column(keys, IdentifierKey::type),
                                ids)))
                .map(rows -> {
                    Set<UUID> linked = new HashSet<>();
                    rows.forEach(row -> linked.add(row.getUUID(0)));
                    Map<IdentifierKey, UUID> created = new HashMap<>();
                    for (int i = 0; i < ids.length; i++) {
                        if (linked.contains(ids[i])) {
                            created.put(keys.get(i), ids[i]);
                        }
                    }
                    return created;
                });
    }

    /** The current consents of the subjects; a subject with none is missing from the answer. */
    public Uni<Map<SubjectKey, Map<ConsentKey, CurrentConsent>>> currentOf(SqlConnection tx,
            Collection<SubjectKey> subjects) {
        return tx.preparedQuery("""
                select st.tenant, st.subject_id, st.purpose, st.channel,
                       st.status, st.updated_at, st.expires_at, r.source, r.policy_version, r.id
                from unnest($1::text[], $2::uuid[]) as k(tenant, subject_id)
                join consent_state st on st.tenant = k.tenant and st.subject_id = k.subject_id
                join consent_record r on r.id = st.record_id""")
                .execute(Tuple.of(column(subjects, SubjectKey::tenant),
                        subjects.stream().map(SubjectKey::subjectId).toArray(UUID[]::new)))
                .map(rows -> {
                    Map<SubjectKey, Map<ConsentKey, CurrentConsent>> current = new HashMap<>();
                    for (Row row : rows) {
                        current.computeIfAbsent(new SubjectKey(row.getString(0), row.getUUID(1)), s -> new HashMap<>())
                                .put(new ConsentKey(row.getString(2), Channel.fromWireName(row.getString(3))),
                                        BulkStateReader.consent(row, 4));
                    }
                    return current;
                });
    }

    /** Ids for new consent records, taken from the records' own sequence, ascending. */
    public Uni<List<Long>> reserveRecordIds(SqlConnection tx, int count) {
        return tx.preparedQuery("select nextval('consent_record_id_seq') from generate_series(1, $1)")
                .execute(Tuple.of(count))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>(count);
                    rows.forEach(row -> ids.add(row.getLong(0)));
                    ids.sort(null);
                    return ids;
                });
    }

    public Uni<Void> insertRecords(SqlConnection tx, List<ConsentRecordEntity> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                insert into consent_record (id, tenant, subject_id, purpose, channel, status, source, policy_version,
                    policy_text_hash, evidence, recorded_at, expires_at, causation_id)
                select id, tenant, subject_id, purpose, channel, status, source, policy_version, policy_text_hash,
                    cast(evidence as jsonb), recorded_at, expires_at, causation_id
                from unnest($1::bigint[], $2::text[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                    $8::text[], $9::text[], $10::text[], $11::timestamptz[], $12::timestamptz[], $13::text[])
                  as r(id, tenant, subject_id, purpose, channel, status, source, policy_version, policy_text_hash,
                    evidence, recorded_at, expires_at, causation_id)""")
                .execute(Tuple.tuple(List.of(
                        records.stream().map(r -> r.id).toArray(Long[]::new),
                        column(records, r -> r.tenant),
                        records.stream().map(r -> r.subjectId).toArray(UUID[]::new),
                        column(records, r -> r.purpose),
                        column(records, r -> r.channel),
                        column(records, r -> r.status.name()),
                        column(records, r -> r.source),
                        column(records, r -> r.policyVersion),
                        column(records, r -> r.policyTextHash),
                        column(records, r -> r.evidence == null ? null : write(r.evidence)),
                        records.stream().map(r -> utc(r.recordedAt)).toArray(OffsetDateTime[]::new),
                        records.stream().map(r -> utc(r.expiresAt)).toArray(OffsetDateTime[]::new),
                        column(records, r -> r.causationId))))
                .replaceWithVoid();
    }

    /**
     * Sets the current consents, each only over one given before it (the state only moves forward). At most one
     * consent per subject, purpose and channel: an upsert cannot touch a row twice.
     */
    public Uni<Void> upsertStates(SqlConnection tx, Map<SubjectKey, Map<ConsentKey, CurrentConsent>> states) {
        List<String> tenants = new ArrayList<>(), purposes = new ArrayList<>(), channels = new ArrayList<>(),
                statuses = new ArrayList<>();
        List<UUID> subjects = new ArrayList<>();
        List<Long> records = new ArrayList<>();
        List<OffsetDateTime> since = new ArrayList<>(), expires = new ArrayList<>();
        // in key order, as every batch does (no crosswise lock waits between concurrent batches)
        Map<SubjectKey, Map<ConsentKey, CurrentConsent>> inKeyOrder = new TreeMap<>(
                Comparator.comparing(SubjectKey::tenant).thenComparing(SubjectKey::subjectId));
        inKeyOrder.putAll(states);
        inKeyOrder.forEach((subject, consents) -> consents.forEach((key, consent) -> {
            tenants.add(subject.tenant());
            subjects.add(subject.subjectId());
            purposes.add(key.purpose());
            channels.add(key.channel().wireName());
            statuses.add(consent.status().name());
            records.add(consent.recordId());
            since.add(utc(consent.since()));
            expires.add(utc(consent.expiresAt()));
        }));
        if (tenants.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                insert into consent_state (tenant, subject_id, purpose, channel, status, record_id, updated_at, expires_at)
                select * from unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::bigint[],
                    $7::timestamptz[], $8::timestamptz[])
                on conflict (tenant, subject_id, purpose, channel) do update
                  set status = excluded.status, record_id = excluded.record_id,
                      updated_at = excluded.updated_at, expires_at = excluded.expires_at
                  where consent_state.updated_at <= excluded.updated_at""")
                .execute(Tuple.tuple(List.of(tenants.toArray(String[]::new), subjects.toArray(UUID[]::new),
                        purposes.toArray(String[]::new), channels.toArray(String[]::new),
                        statuses.toArray(String[]::new), records.toArray(Long[]::new),
                        since.toArray(OffsetDateTime[]::new), expires.toArray(OffsetDateTime[]::new))))
                .replaceWithVoid();
    }

    /** Outbox rows, their ids in list order: the relay publishes in id order. */
    public Uni<Void> insertOutbox(SqlConnection tx, List<OutboxEntity> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return tx.preparedQuery("""
                insert into outbox (topic, message_key, payload, created_at)
                select topic, message_key, payload, created_at
                from unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[]) with ordinality
                  as o(topic, message_key, payload, created_at, n)
                order by n""")
                .execute(Tuple.of(column(rows, r -> r.topic), column(rows, r -> r.messageKey),
                        column(rows, r -> r.payload), rows.stream().map(r -> utc(r.createdAt))
                                .toArray(OffsetDateTime[]::new)))
                .replaceWithVoid();
    }

    private static <T> String[] column(Collection<T> rows, java.util.function.Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
