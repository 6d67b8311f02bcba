-- An import's change log is stored one row per batch of lines instead of one row per record changed.
--
-- A million-line first import wrote 1.33 million change rows, with as many index entries and their WAL, in the
-- import's transaction (docs/performance.md). Written as one JSON array per batch, the same changes are
-- compressed by PostgreSQL's TOAST (in a test, 14 MB of WAL instead of 111 MB for 267,000 changes, written in
-- half the time) and cost one tuple and one index entry per batch: 90 MB for a million-line import. They are read back in order, a batch at a time, by the change
-- list and the revert; nothing queries inside them.
--
-- Each element of `changes` is [line, entity, record_id, action, before, after], and the change of element i
-- (from 0) has the number first_seq + i in the import's order.
create table import_change_batches (
  organization_id uuid not null,
  import_id uuid not null,
  first_seq integer not null,
  last_seq integer not null,
  changes json not null,
  primary key (organization_id, import_id, first_seq),
  check (last_seq >= first_seq)
);

alter table import_change_batches enable row level security;
create policy tenant_isolation on import_change_batches
  using (organization_id = app_current_org()) with check (organization_id = app_current_org());

-- The change logs already written, renumbered from 0 in their order (they were numbered so already).
insert into import_change_batches (organization_id, import_id, first_seq, last_seq, changes)
select organization_id, import_id, min(n), max(n),
       json_agg(json_build_array(line, entity, record_id, action, before, after) order by n)
  from (select *, (row_number() over (partition by organization_id, import_id order by seq) - 1)::int as n
          from import_changes) numbered
 group by organization_id, import_id, n / 2000;

drop table import_changes;

-- The change log one row per change, as it was, for reading by hand and in checks (the application pages through
-- the batches themselves). Rows of other organizations stay hidden: the view runs under its reader's rights.
create view import_changes with (security_invoker = true) as
select b.organization_id, b.import_id, b.first_seq + (e.n - 1)::integer as seq,
       (e.v ->> 0)::integer as line, e.v ->> 1 as entity, (e.v ->> 2)::uuid as record_id, e.v ->> 3 as action,
       case when json_typeof(e.v -> 4) = 'null' then null else e.v -> 4 end as before,
       e.v -> 5 as after
  from import_change_batches b
 cross join lateral json_array_elements(b.changes) with ordinality as e(v, n);
