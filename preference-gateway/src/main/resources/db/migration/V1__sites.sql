-- A site is one banner installation of a tenant: what it may ask (categories), under which policy version,
-- and from which browser origins. Site ids are global: the public choices API names only the site.
create table site (
    id                    text        primary key check (id ~ '^[a-z0-9][a-z0-9_-]{2,63}$'),
    tenant                text        not null,
    name                  text        not null,
    allowed_origins       text[]      not null check (cardinality(allowed_origins) >= 1),
    -- [{"id": "analytics", "required": false, "descriptions": {"en": "..."}}, ...]
    categories            jsonb       not null check (jsonb_typeof(categories) = 'array'),
    policy_version        text        not null check (length(policy_version) between 1 and 64),
    policy_url            text,
    consent_lifetime_days integer     not null check (consent_lifetime_days between 1 and 3650),
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    -- strictly necessary is always offered and can never be refused
    constraint site_necessary_is_required check (categories @> '[{"id": "necessary", "required": true}]')
);

-- Admin API: a tenant's own sites.
create index site_by_tenant on site (tenant, id);
