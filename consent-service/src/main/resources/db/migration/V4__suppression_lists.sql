-- Named do-not-call lists (a national DNC/TPS extract, the tenant's own list). Each import is loaded beside
-- the active one and switched in by one update, so a replacement is atomic; then the old rows are dropped.
create table suppression_list (
    id               bigserial   primary key,
    tenant           text        not null,
    name             text        not null,
    purposes         text[],     -- null: every purpose
    active_import_id bigint,
    size             bigint      not null default 0,
    imported_at      timestamptz,
    imported_by      text,
    unique (tenant, name)
);

create table suppression_import (
    id          bigserial   primary key,
    list_id     bigint      not null references suppression_list (id),
    status      text        not null check (status in ('loading', 'active', 'replaced', 'failed')),
    rows        bigint      not null default 0,
    rejected    bigint      not null default 0,
    started_at  timestamptz not null,
    finished_at timestamptz
);

-- number_hash: HMAC-SHA256 (raw 32 bytes) of tenant + 'phone' + E.164, as for subject identifiers.
-- Partitioned by import: each import is COPYed into its own table, indexed after loading, attached as a
-- partition and switched in; the replaced import's partition is detached and dropped at once.
create table suppression_entry (
    number_hash bytea  not null,
    import_id   bigint not null
) partition by list (import_id);
create index suppression_entry_by_number on suppression_entry (number_hash);
