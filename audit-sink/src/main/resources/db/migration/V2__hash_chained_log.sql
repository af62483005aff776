-- The tamper-evident audit log. Runs as the owner role (quarkus.flyway.username); the service itself runs as
-- ${app_role}, which may only INSERT and SELECT the log (grants at the end).

-- The walking skeleton's table held personal data in clear and no chain. The log never deletes, so it is kept,
-- renamed and out of the service's reach; new entries go to the chained table below.
alter table audit_entry rename to audit_entry_skeleton;
alter index audit_entry_by_identifier rename to audit_entry_skeleton_by_identifier;
alter index audit_entry_by_subject rename to audit_entry_skeleton_by_subject;
alter table audit_entry_skeleton rename constraint audit_entry_event_id_key to audit_entry_skeleton_event_id_key;
alter table audit_entry_skeleton rename constraint audit_entry_pkey to audit_entry_skeleton_pkey;
alter sequence audit_entry_id_seq rename to audit_entry_skeleton_id_seq;

-- One row per event (consent.changed.v1, consent.submission.v1, audit.erasure.v1). Each tenant's rows form one
-- hash chain: hash = SHA-256(prev_hash || canonical(row)), see audit_canonical() and audit-sink/README.md.
create table audit_entry (
    id              bigint      generated always as identity primary key,
    tenant          text        not null,
    -- position in the tenant's chain, 1, 2, 3, ... without gaps
    seq             bigint      not null check (seq > 0),
    prev_hash       bytea       not null check (length(prev_hash) = 32),
    hash            bytea       not null check (length(hash) = 32),
    event_id        text        not null unique,
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
    unique (tenant, seq)
);

-- GET /v1/audit/entries and export: the tenant's rows in log order, optionally one subject's
create index audit_entry_by_tenant on audit_entry (tenant, id);
create index audit_entry_by_identifier on audit_entry (tenant, identifier_hash, id);
create index audit_entry_by_subject on audit_entry (tenant, subject_id, id) where subject_id is not null;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each statement execute function audit_entry_refuse_change();
create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_refuse_change();

-- The head of each tenant's chain. Appenders lock the row (SELECT ... FOR UPDATE) for the length of their
-- transaction, so one chain has one writer at a time whatever the Kafka partition assignment. Not evidence
-- itself: verification recomputes everything from audit_entry.
create table audit_chain (
    tenant text   primary key,
    seq    bigint not null default 0,
    head   bytea  not null default '\x0000000000000000000000000000000000000000000000000000000000000000'
);

-- Per-subject data keys (crypto-shredding): erasure deletes the row, and the subject's sealed data in the log
-- can no longer be read. The key is stored wrapped (AES-GCM) under consentline.audit.key-wrapping-key.
create table subject_key (
    id              uuid        primary key,
    tenant          text        not null,
    identifier_hash text        not null,
    wrapped_key     bytea       not null,
    created_at      timestamptz not null default now(),
    unique (tenant, identifier_hash)
);

-- Signed chain heads (Ed25519), also published on audit.checkpoints.v1. Append-only like the log.
create table audit_checkpoint (
    id         bigint      generated always as identity primary key,
    tenant     text        not null,
    seq        bigint      not null,
    head       bytea       not null,
    created_at timestamptz not null,
    key_id     text        not null,
    signature  bytea       not null,
    unique (tenant, seq)
);
create trigger audit_checkpoint_no_update_or_delete
    before update or delete on audit_checkpoint
    for each statement execute function audit_entry_refuse_change();
create trigger audit_checkpoint_no_truncate
    before truncate on audit_checkpoint
    for each statement execute function audit_entry_refuse_change();

-- canonical(row): each field as F(x) = uint32 big-endian byte length || bytes, F(null) = ff ff ff ff.
-- Text is UTF-8, numbers decimal, timestamps UTC 'YYYY-MM-DDTHH:MM:SS.ffffffZ', purposes joined by U+001F.
create function audit_f(b bytea) returns bytea
    language sql immutable parallel safe
    return case when b is null then '\xffffffff'::bytea else int4send(length(b)) || b end;

create function audit_t(t text) returns bytea
    language sql immutable parallel safe
    return audit_f(convert_to(t, 'UTF8'));

create function audit_ts(t timestamptz) returns bytea
    language sql stable parallel safe
    return audit_t(to_char(t at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));

create function audit_canonical(e audit_entry) returns bytea
    language sql stable parallel safe
    return audit_t('consentline.audit.v1') || audit_t(e.tenant) || audit_t(e.seq::text) || audit_t(e.event_id)
        || audit_t(e.event_type) || audit_t(e.subject_id) || audit_t(e.identifier_hash)
        || audit_t(e.identifier_type) || audit_t(array_to_string(e.purposes, E'\x1f')) || audit_t(e.channel)
        || audit_t(e.source) || audit_t(e.status_before) || audit_t(e.status_after) || audit_ts(e.occurred_at)
        || audit_ts(e.recorded_at) || audit_t(e.causation_id) || audit_t(e.kafka_topic)
        || audit_t(e.kafka_partition::text) || audit_t(e.kafka_offset::text) || audit_t(e.facts)
        || audit_t(e.key_id::text) || audit_f(e.sealed);

-- The service's role: append and read the log and checkpoints; keep chain heads; create and shred keys.
revoke all on audit_entry_skeleton, audit_entry, audit_checkpoint, audit_chain, subject_key from public;
grant select, insert on audit_entry, audit_checkpoint to ${app_role};
grant select, insert, update on audit_chain to ${app_role};
grant select, insert, delete on subject_key to ${app_role};
