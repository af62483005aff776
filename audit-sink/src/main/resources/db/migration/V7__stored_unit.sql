-- Each new row stores the bytes its link covers: unit = canonical_v2(row), so hash = SHA-256(prev_hash || unit).
-- The link is the same as before (no new chain format); what changes is where a verifier and a reader find it.
-- Verify reads seq, hash, prev_hash and unit instead of 22 columns (PostgreSQL sends each column through its own
-- output function, ~70 ns each; measured in docs/benchmarks.md, tenth round), and reads decode a row's fields from
-- its unit, so what the service shows is what the chain covers. The other columns stay as they were: they are what
-- filters, indexes and the erasure path search by. The deep verify checks that they still match the unit.
-- Rows appended before this migration keep unit null and verify as before, from their columns.
alter table audit_entry add column unit bytea;
-- ~450 bytes: kept in the row (never moved out to TOAST, which would cost a lookup per row in every verify)
alter table audit_entry alter column unit set storage main;
alter table audit_entry add constraint audit_entry_unit check (unit is null or chain_version = 2);

-- The bytes a row's link covers: its stored unit, or for rows from before V7 its columns encoded in its format.
create function audit_unit(e audit_entry) returns bytea
    language sql stable parallel safe
    return coalesce(e.unit, case e.chain_version when 1 then audit_canonical(e) else audit_canonical_v2(e) end);

create or replace function audit_link(e audit_entry) returns bytea
    language sql stable parallel safe
    return sha256(e.prev_hash || audit_unit(e));
