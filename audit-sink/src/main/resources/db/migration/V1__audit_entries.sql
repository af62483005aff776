-- The audit log: one row per consent change seen on consent.changes.v1, appended once per event id and never
-- changed afterwards. It is the proof a controller must be able to show (GDPR Art. 7(1)), so the database
-- itself refuses UPDATE, DELETE and TRUNCATE. Later migrations add the hash chain and checkpoints on top.
create table audit_entry (
    id              bigserial   primary key,
    event_id        text        not null unique,
    tenant          text        not null,
    subject_id      text        not null,
    -- HMAC of tenant + identifier (the same key as consent-service): no readable identifier in the index
    identifier_hash text        not null,
    identifier_type text        not null,
    event_type      text        not null,
    purpose         text        not null,
    channel         text        not null,
    -- Statuses are checked; other enumerations (channel, source, identifier type) are recorded as received,
    -- so that a producer adding a value never makes the audit log lose an event.
    status_before   text        check (status_before in ('GRANTED', 'DENIED')),
    status_after    text        not null check (status_after in ('GRANTED', 'DENIED')),
    source          text        not null,
    occurred_at     timestamptz not null,
    recorded_at     timestamptz not null default now(),
    -- Where the event was read from; null only for entries that did not come through Kafka
    kafka_partition int,
    kafka_offset    bigint,
    -- The event's data exactly as received (policy version, evidence, causation id, ...)
    payload         jsonb       not null
);

-- GET /v1/audit/entries?identifierType=..&identifier=.. : one subject's entries by identifier, in id order
create index audit_entry_by_identifier on audit_entry (tenant, identifier_hash, id);
-- GET /v1/audit/entries?subjectId=.. : one subject's entries by consent-service's subject id, in id order
create index audit_entry_by_subject on audit_entry (tenant, subject_id, id);

-- Append-only, enforced where it cannot be bypassed by application code. Statement-level, so that even an
-- UPDATE or DELETE that matches no row is refused: nobody gets to probe what they could change.
create function audit_entry_refuse_change() returns trigger
    language plpgsql as $$
begin
    raise exception 'audit_entry is append-only: % refused', tg_op
        using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_entry_no_update_or_delete
    before update or delete on audit_entry
    for each statement execute function audit_entry_refuse_change();

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function audit_entry_refuse_change();
