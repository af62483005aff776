-- Event ids are compared for equality only (exactly-once), never sorted for people, so the unique index on them
-- need not follow the database's collation. On a database created with a linguistic default (en_US.UTF-8 is the
-- usual default of managed PostgreSQL) every comparison in that index's upkeep calls the C library's strcoll;
-- bytewise ("C") comparison is a memcmp. Uniqueness means the same under both: a deterministic collation calls two
-- strings equal only when their bytes are. (The embedded PostgreSQL of the local run and tests is initialised
-- with the C locale, where this changes nothing.) The column keeps its type: the SQL link functions depend on it.
-- Lookups by event id say collate "C" so that they can use this index whatever the database's default.
create unique index audit_entry_event_id_bytewise on audit_entry (event_id collate "C");
alter table audit_entry drop constraint audit_entry_event_id_key;
