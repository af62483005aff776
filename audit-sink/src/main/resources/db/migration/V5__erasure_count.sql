-- How many erasures each tenant has had. An appender seals a batch's personal data before it takes the chain
-- head's lock (so that one tenant's batches take turns for less time) and compares this count, read before it
-- looked up the subject keys, with the count it finds under the lock: if an erasure came in between, one of those
-- keys may be shredded, and the batch is sealed again under the lock. An erasure takes the head's lock and counts
-- itself before it shreds any key. Bookkeeping, not evidence (the erasure's own audit entry is the evidence).
alter table audit_chain add column erasures bigint not null default 0;
