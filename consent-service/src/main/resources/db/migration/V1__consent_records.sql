-- A subject is a person as one tenant knows them; identifiers point at it through keyed hashes only.
create table subject (
    id          uuid        primary key,
    tenant      text        not null,
    created_at  timestamptz not null
);

create table subject_identifier (
    tenant          text not null,
    identifier_hash text not null,
    identifier_type text not null check (identifier_type in ('phone', 'email', 'visitor', 'customer')),
    subject_id      uuid not null references subject (id),
    primary key (tenant, identifier_hash)
);
create index subject_identifier_by_subject on subject_identifier (subject_id);

-- Every consent decision ever recorded. Never updated: the current state is derived from it.
create table consent_record (
    id               bigserial   primary key,
    tenant           text        not null,
    subject_id       uuid        not null references subject (id),
    purpose          text        not null,
    channel          text        not null check (channel in ('voice', 'sms', 'email', 'web')),
    status           text        not null check (status in ('GRANTED', 'DENIED')),
    source           text        not null,
    policy_version   text,
    policy_text_hash text,
    evidence         jsonb,
    recorded_at      timestamptz not null,
    expires_at       timestamptz,
    causation_id     text        not null
);
create index consent_record_history on consent_record (tenant, subject_id, recorded_at);

-- The current state per subject, purpose and channel: the last record, kept for fast checks.
create table consent_state (
    tenant      text        not null,
    subject_id  uuid        not null references subject (id),
    purpose     text        not null,
    channel     text        not null,
    status      text        not null check (status in ('GRANTED', 'DENIED')),
    record_id   bigint      not null references consent_record (id),
    updated_at  timestamptz not null,
    expires_at  timestamptz,
    primary key (tenant, subject_id, purpose, channel)
);

-- Ids of Kafka events already applied: a replayed or duplicated event changes nothing.
create table processed_message (
    message_id   text        primary key,
    processed_at timestamptz not null
);

-- Transactional outbox: written in the same transaction as the change, published by the relay.
create table outbox (
    id          bigserial   primary key,
    topic       text        not null,
    message_key text        not null,
    payload     text        not null,
    created_at  timestamptz not null,
    sent_at     timestamptz
);
create index outbox_unsent on outbox (id) where sent_at is null;
