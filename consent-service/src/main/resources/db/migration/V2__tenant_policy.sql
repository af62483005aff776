-- A tenant's consent policy (purposes, opt-in rules, calling window, default region, consent lifetime).
-- No row means the strict default policy.
create table tenant_policy (
    tenant      text        primary key,
    policy      jsonb       not null,
    updated_at  timestamptz not null,
    updated_by  text        not null
);
