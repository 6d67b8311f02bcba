-- The audit log: who created, changed, deleted, imported and reverted what, per organization. Each event is
-- written in the transaction of the change it records, so a rolled-back change leaves none. An import writes one
-- event (its per-line changes stay in import_changes), a revert one.
-- The actor columns are copies, not references: an event outlives the member, user or API key it names.

create table audit_events (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  occurred_at timestamptz(3) not null default now(),
  member_id uuid,
  user_id uuid,
  actor_label text not null check (length(actor_label) between 1 and 300),
  via text not null check (via in ('session', 'api_key', 'cli', 'worker')),
  action text not null check (action ~ '^[a-z][a-z_]*(\.[a-z][a-z_]*)+$'),
  target_type text,
  target_id text,
  summary jsonb not null default '{}',
  primary key (organization_id, id)
);
create index audit_events_recent_idx on audit_events (organization_id, occurred_at desc, id desc);
-- "Everything that happened to this customer" without scanning the organization's whole history.
create index audit_events_target_idx on audit_events (organization_id, target_id, occurred_at desc, id desc)
  where target_id is not null;
