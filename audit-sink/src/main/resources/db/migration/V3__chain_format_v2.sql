-- Chain format v2, cheaper indexes, and the checkpoint outbox. Runs as the owner role; see audit-sink/README.md
-- and docs/architecture.md for the reasons.

-- 1. Chain format v2. Each row carries the format its link was computed in; rows appended before this migration
-- are v1 and keep verifying as v1 (rewriting them would be exactly the rewrite the chain exists to expose). A v2
-- link covers the SHA-256 digests of facts and sealed (computed once at append) instead of the blobs, and encodes
-- numbers, instants and the key id as PostgreSQL's binary protocol sends them, so a verifier hashes a fixed, small
-- unit per row straight off a binary COPY stream. The version column itself needs no protection of its own: each
-- format's encoding starts with its own tag, so a flipped version breaks the link.
alter table audit_entry add column chain_version smallint not null default 1;
alter table audit_entry alter column chain_version drop default;
alter table audit_entry add column facts_hash bytea, add column sealed_hash bytea;
alter table audit_entry add constraint audit_entry_chain_format check (
    chain_version = 1 and facts_hash is null and sealed_hash is null
    or chain_version = 2 and length(facts_hash) = 32 and (sealed is null) = (sealed_hash is null)
       and (sealed_hash is null or length(sealed_hash) = 32));

-- canonical_v2(row): F(x) as in v1; seq, kafka_offset int8, kafka_partition int4 and the instants (microseconds
-- since 2000-01-01 UTC, int8) big-endian binary; key_id its 16 bytes; facts and sealed replaced by their digests.
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

-- The row's link in its own format: select audit_link(e) = hash from audit_entry e checks a row in SQL.
create function audit_link(e audit_entry) returns bytea
    language sql stable parallel safe
    return sha256(e.prev_hash || case e.chain_version when 1 then audit_canonical(e) else audit_canonical_v2(e) end);

-- 2. Fewer and cheaper indexes on the hot table (measured: index upkeep was most of an append's cost).
-- Tenant-wide reads page by seq over unique (tenant, seq), which the chain needs anyway.
drop index audit_entry_by_tenant;
-- One subject's rows are few: hash indexes (4-byte codes, no collation-aware comparisons of 64-character keys)
-- find them; the HMAC identifier hash is already specific to its tenant.
drop index audit_entry_by_identifier;
create index audit_entry_by_identifier on audit_entry using hash (identifier_hash);
drop index audit_entry_by_subject;
create index audit_entry_by_subject on audit_entry using hash (subject_id) where subject_id is not null;

-- 3. Checkpoint outbox. audit_checkpoint is append-only (no UPDATE, even of a flag), so publication is recorded
-- in a table of its own: a checkpoint without a row here is not yet on audit.checkpoints.v1 and is published by
-- the next sweep. Bookkeeping, not evidence.
create table audit_checkpoint_publication (
    checkpoint_id bigint      primary key references audit_checkpoint (id),
    published_at  timestamptz not null
);
revoke all on audit_checkpoint_publication from public;
grant select, insert on audit_checkpoint_publication to ${app_role};
