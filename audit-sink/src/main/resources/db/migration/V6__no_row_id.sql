-- The log's rows are identified by their place in their tenant's chain, unique (tenant, seq), which every read
-- already uses (pages, exports, verify, proofs; one subject's rows are ordered by seq too). The identity column id
-- (V2) was a second, unused key, and it cost every append: the next value of a shared sequence and an insert into
-- the rightmost page of its primary key index for every row, both a point where batches inserting at the same time
-- queue (measured in docs/benchmarks.md, eighth round). No chain covers it (audit-sink/README.md), so dropping it
-- changes no link. Dropping a column does not rewrite the table: the rows stay as appended.
alter table audit_entry drop column id;
