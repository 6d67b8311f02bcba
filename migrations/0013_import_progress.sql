-- An import's live progress gets a row of its own.
--
-- It used to be written on the import's row, a few times a second, by another connection than the import's
-- transaction. That transaction holds a key-share lock on the import's row (the foreign keys of its change log
-- and refused lines), so none of those row versions could be pruned while it ran, and every foreign-key check
-- walked the whole chain of them: at a million lines, writing a batch's change log went from 20 ms to over half a
-- second (docs/performance.md). The import's row is now written before and after a run only; while it runs, the
-- lines done, bytes read and stage are written here.
create table import_progress (
  organization_id uuid not null,
  import_id uuid not null,
  lines_done integer not null default 0,
  bytes_done bigint not null default 0,
  stage text,
  updated_at timestamptz(3) not null default now(),
  primary key (organization_id, import_id),
  foreign key (organization_id, import_id) references imports (organization_id, id) on delete cascade
);

alter table import_progress enable row level security;
create policy tenant_isolation on import_progress
  using (organization_id = app_current_org()) with check (organization_id = app_current_org());
