-- Purposes a person may opt into by SMS one-time code on a site (consent-service purpose slugs).
alter table site add column sms_purposes text[] not null default '{}';

-- Provider phone numbers (E.164) that receive a tenant's inbound SMS: the To number of an inbound message
-- names the tenant whose subscribers texted STOP or START. A number belongs to one tenant.
create table sms_number (
    number     text        primary key check (number ~ '^\+[1-9][0-9]{6,14}$'),
    tenant     text        not null,
    created_at timestamptz not null
);

-- Admin API: a tenant's own numbers.
create index sms_number_by_tenant on sms_number (tenant, number);

-- One-time-code challenges (SMS double opt-in). Neither the phone number nor the code is stored readable:
-- phone_hash is the keyed identifier hash, code_hash a keyed hash of the code bound to the challenge id.
create table otp_challenge (
    id           uuid        primary key,
    tenant       text        not null,
    site_id      text        not null references site (id) on delete cascade,
    purpose      text        not null check (purpose ~ '^[a-z][a-z0-9_]{0,63}$'),
    phone_hash   text        not null,
    code_hash    text        not null,
    language     text,
    created_at   timestamptz not null,
    expires_at   timestamptz not null,
    attempts     integer     not null default 0 check (attempts >= 0),
    verified_at  timestamptz
);

-- Resend throttling: the recent challenges of one number on one site.
create index otp_challenge_by_phone on otp_challenge (phone_hash, site_id, created_at);
