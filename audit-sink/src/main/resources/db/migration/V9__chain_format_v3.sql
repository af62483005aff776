-- Chain format v3: rows appended from now on store a compact unit (~300 bytes instead of ~470 for v2): one tag byte,
-- no length before every field, identifiers (UUIDs, hex) in binary. The link is still
-- hash = SHA-256(prev_hash || unit); rows already appended keep their format and their links (rewriting them would
-- be exactly the rewrite the chain exists to expose), and v3 rows link onto them. Runs as the owner role; see
-- audit-sink/README.md ("canonical(row)") and docs/benchmarks.md (seventeenth round) for the reasons.
--
-- A v3 row always stores its unit (the constraint below); audit_canonical_v3(e) encodes a row's columns in v3 in SQL,
-- as audit_canonical(e) and audit_canonical_v2(e) do for the older formats, for an outside verifier (the service's
-- deep verify compares the columns with the unit in Java, CompactCanonical).
--
-- Both constraints are replaced by wider ones, which every row already there satisfies (each is implied by the one
-- it replaces). Adding them reads the log once while the migration holds its lock: ~1 s per million rows.
alter table audit_entry drop constraint audit_entry_unit;
alter table audit_entry add constraint audit_entry_unit check (
    chain_version = 1 and unit is null
    or chain_version = 2
    or chain_version = 3 and unit is not null);

alter table audit_entry drop constraint audit_entry_chain_format;
alter table audit_entry add constraint audit_entry_chain_format check (
    chain_version = 1 and facts_hash is null and sealed_hash is null
    or chain_version in (2, 3) and length(facts_hash) = 32 and (sealed is null) = (sealed_hash is null)
       and (sealed_hash is null or length(sealed_hash) = 32));

-- v3's varint: unsigned LEB128, 7 bits a byte, low group first, the high bit set on every byte but the last.
create function audit_v3_varint(n bigint) returns bytea
    language plpgsql immutable parallel safe strict
as $$
declare
    out bytea := ''::bytea;
begin
    while n >= 128 loop
        out := out || set_byte('\x00'::bytea, 0, (n % 128 + 128)::int);
        n := n / 128;
    end loop;
    return out || set_byte('\x00'::bytea, 0, n::int);
end
$$;

-- v3's text: 00 absent; 01 and 16 bytes for a lower-case UUID; for lower-case hex of even length, the header
-- 2 (n + 1) + 1 and the n bytes it spells; for any other text, the header 2 (n + 1) and its n bytes of UTF-8.
create function audit_v3_text(t text) returns bytea
    language sql immutable parallel safe
    return case
        when t is null then '\x00'::bytea
        when t ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            then '\x01'::bytea || decode(replace(t, '-', ''), 'hex')
        when t ~ '^([0-9a-f][0-9a-f])+$' then audit_v3_varint(2 * (length(t) / 2 + 1) + 1) || decode(t, 'hex')
        else audit_v3_varint(2 * (octet_length(convert_to(t, 'UTF8')) + 1)) || convert_to(t, 'UTF8') end;

-- v3's optional fixed-width field: 00 absent, 01 and its bytes present.
create function audit_v3_optional(b bytea) returns bytea
    language sql immutable parallel safe
    return case when b is null then '\x00'::bytea else '\x01'::bytea || b end;

-- canonical_v3(row): the tag byte 03, then the fields of v2 in v2's order (audit-sink/README.md).
create function audit_canonical_v3(e audit_entry) returns bytea
    language sql stable parallel safe
    return '\x03'::bytea || audit_v3_text(e.tenant) || int8send(e.seq) || audit_v3_text(e.event_id)
        || audit_v3_text(e.event_type) || audit_v3_text(e.subject_id) || audit_v3_text(e.identifier_hash)
        || audit_v3_text(e.identifier_type) || audit_v3_text(array_to_string(e.purposes, E'\x1f'))
        || audit_v3_text(e.channel) || audit_v3_text(e.source) || audit_v3_text(e.status_before)
        || audit_v3_text(e.status_after) || timestamptz_send(e.occurred_at) || timestamptz_send(e.recorded_at)
        || audit_v3_text(e.causation_id) || audit_v3_text(e.kafka_topic)
        || audit_v3_optional(int4send(e.kafka_partition)) || audit_v3_optional(int8send(e.kafka_offset))
        || e.facts_hash || audit_v3_optional(uuid_send(e.key_id)) || audit_v3_optional(e.sealed_hash);

-- A row's unit from its columns, for the rows that store none (v1 and v2 rows from before V7), in its format.
create or replace function audit_unit_from_columns(e audit_entry) returns bytea
    language plpgsql stable parallel safe
as $$
begin
    return case e.chain_version when 1 then audit_canonical(e) when 2 then audit_canonical_v2(e)
        else audit_canonical_v3(e) end;
end
$$;
