-- The log's rows are rebuilt with the columns a verify reads first: tenant, seq, prev_hash, hash, unit,
-- chain_version, then the rest in their old order. Runs as the owner role; see audit-sink/README.md.
--
-- Why: PostgreSQL finds a column in a row by walking every column before it (there are no column offsets in a
-- row once a variable-length column has come). The fast verify reads seq, the hashes and the unit of each row,
-- and the unit was the 27th and last column, behind ~1.3 KB of facts and sealed data: walking to it was the
-- largest single cost of a verified row (17% of all CPU in a profile). With the unit fifth, the verify's query
-- takes ~30% less of PostgreSQL's time for the same rows (docs/benchmarks.md, eleventh round), provided the
-- query names no column after the unit: see audit_unit_from_columns below. Nothing else reads or writes by column
-- position: every statement names its columns.
--
-- How: the rows are copied, every column as it is, into a table of the new shape, in chain order; then the old
-- table goes and the new one takes its name, constraints, indexes, triggers, functions and grants. Copying changes
-- no value, so no link changes: a verify after this migration checks the same bytes as before it. The copy holds
-- an exclusive lock on the log for its length (the service waits for its migrations before it consumes).

create table audit_entry_v8 (
    tenant          text        not null,
    -- position in the tenant's chain, 1, 2, 3, ... without gaps
    seq             bigint      not null constraint audit_entry_seq_check check (seq > 0),
    prev_hash       bytea       not null constraint audit_entry_prev_hash_check check (length(prev_hash) = 32),
    hash            bytea       not null constraint audit_entry_hash_check check (length(hash) = 32),
    -- the bytes the row's link covers (V7); null on rows appended before V7
    unit            bytea,
    chain_version   smallint    not null,
    event_id        text        not null,
    event_type      text        not null,
    subject_id      text,
    -- HMAC of tenant + identifier: the subject's lookup key; no readable identifier anywhere in clear
    identifier_hash text        not null,
    identifier_type text        not null,
    purposes        text[]      not null,
    channel         text,
    source          text,
    status_before   text,
    status_after    text,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null,
    causation_id    text,
    kafka_topic     text,
    kafka_partition int,
    kafka_offset    bigint,
    -- the event's data as JSON text without its personal fields (identifier value, IP, user agent, message id)
    facts           text        not null,
    -- the event's data as received, AES-GCM under the subject's key (subject_key.id); null when not personal
    key_id          uuid,
    sealed          bytea,
    facts_hash      bytea,
    sealed_hash     bytea,
    constraint audit_entry_unit check (unit is null or chain_version = 2),
    constraint audit_entry_chain_format check (
        chain_version = 1 and facts_hash is null and sealed_hash is null
        or chain_version = 2 and length(facts_hash) = 32 and (sealed is null) = (sealed_hash is null)
           and (sealed_hash is null or length(sealed_hash) = 32))
);
-- ~450 bytes: kept in the row (never moved out to TOAST, which would cost a lookup per row in every verify)
alter table audit_entry_v8 alter column unit set storage main;

insert into audit_entry_v8 (tenant, seq, prev_hash, hash, unit, chain_version, event_id, event_type, subject_id,
        identifier_hash, identifier_type, purposes, channel, source, status_before, status_after, occurred_at,
        recorded_at, causation_id, kafka_topic, kafka_partition, kafka_offset, facts, key_id, sealed, facts_hash,
        sealed_hash)
    select tenant, seq, prev_hash, hash, unit, chain_version, event_id, event_type, subject_id, identifier_hash,
        identifier_type, purposes, channel, source, status_before, status_after, occurred_at, recorded_at,
        causation_id, kafka_topic, kafka_partition, kafka_offset, facts, key_id, sealed, facts_hash, sealed_hash
    from audit_entry order by tenant, seq;

-- The SQL link functions take the old table's row type: they go with it and come back below for the new one.
drop function audit_link(audit_entry);
drop function audit_unit(audit_entry);
drop function audit_canonical_v2(audit_entry);
drop function audit_canonical(audit_entry);
drop table audit_entry;
alter table audit_entry_v8 rename to audit_entry;

-- The chain's order; every tenant-wide read and the verify walk it.
alter table audit_entry add constraint audit_entry_tenant_seq_key unique (tenant, seq);
-- Exactly once: event ids compared bytewise (V4).
create unique index audit_entry_event_id_bytewise on audit_entry (event_id collate "C");
-- One subject's few rows (V3).
create index audit_entry_by_identifier on audit_entry using hash (identifier_hash);
create index audit_entry_by_subject on audit_entry using hash (subject_id) where subject_id is not null;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each statement execute function audit_entry_refuse_change();
create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_refuse_change();

-- As in V2, V3 and V7, unchanged.
create function audit_canonical(e audit_entry) returns bytea
    language sql stable parallel safe
    return audit_t('consentline.audit.v1') || audit_t(e.tenant) || audit_t(e.seq::text) || audit_t(e.event_id)
        || audit_t(e.event_type) || audit_t(e.subject_id) || audit_t(e.identifier_hash)
        || audit_t(e.identifier_type) || audit_t(array_to_string(e.purposes, E'\x1f')) || audit_t(e.channel)
        || audit_t(e.source) || audit_t(e.status_before) || audit_t(e.status_after) || audit_ts(e.occurred_at)
        || audit_ts(e.recorded_at) || audit_t(e.causation_id) || audit_t(e.kafka_topic)
        || audit_t(e.kafka_partition::text) || audit_t(e.kafka_offset::text) || audit_t(e.facts)
        || audit_t(e.key_id::text) || audit_f(e.sealed);

create function audit_canonical_v2(e audit_entry) returns bytea
    language sql stable parallel safe
    return audit_t('consentline.audit.v2') || audit_t(e.tenant) || audit_f(int8send(e.seq)) || audit_t(e.event_id)
        || audit_t(e.event_type) || audit_t(e.subject_id) || audit_t(e.identifier_hash)
        || audit_t(e.identifier_type) || audit_t(array_to_string(e.purposes, E'\x1f')) || audit_t(e.channel)
        || audit_t(e.source) || audit_t(e.status_before) || audit_t(e.status_after)
        || audit_f(timestamptz_send(e.occurred_at)) || audit_f(timestamptz_send(e.recorded_at))
        || audit_t(e.causation_id) || audit_t(e.kafka_topic) || audit_f(int4send(e.kafka_partition))
        || audit_f(int8send(e.kafka_offset)) || audit_f(e.facts_hash) || audit_f(uuid_send(e.key_id))
        || audit_f(e.sealed_hash);

-- A row's unit encoded from its columns in its format: what a row from before V7 has instead of a stored unit.
-- PL/pgSQL so that the planner cannot inline it: inlined, a query naming it (through audit_unit) would name
-- every column of the row, and PostgreSQL would walk every row to its last column even where the stored unit
-- makes the encoding unnecessary. Not inlined, the row is passed whole, and only when the unit is null.
create function audit_unit_from_columns(e audit_entry) returns bytea
    language plpgsql stable parallel safe
as $$
begin
    return case e.chain_version when 1 then audit_canonical(e) else audit_canonical_v2(e) end;
end
$$;

-- The bytes a row's link covers: its stored unit, or for rows from before V7 its columns encoded in its format.
create function audit_unit(e audit_entry) returns bytea
    language sql stable parallel safe
    return coalesce(e.unit, audit_unit_from_columns(e));

create function audit_link(e audit_entry) returns bytea
    language sql stable parallel safe
    return sha256(e.prev_hash || audit_unit(e));

-- The service's role may only append and read the log (V2).
revoke all on audit_entry from public;
grant select, insert on audit_entry to ${app_role};

analyze audit_entry;
