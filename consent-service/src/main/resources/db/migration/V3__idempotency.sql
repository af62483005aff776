-- Idempotency-Key of API calls that record consent: the same key twice records once and answers the same.
create table idempotency_key (
    tenant        text        not null,
    key           text        not null,
    request_hash  text        not null,
    response      jsonb,
    created_at    timestamptz not null,
    primary key (tenant, key)
);
