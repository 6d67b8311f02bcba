-- Notifications: what a member sees in the app (with unread state), and the outbox of messages to deliver by
-- email and Slack, drained by workers with retries and backoff so that a failing SMTP server or webhook never
-- fails an import nor loses a message.

create table notifications (
  organization_id uuid not null,
  id uuid not null default gen_random_uuid(),
  member_id uuid not null,
  -- The event, rendered in the member's language when shown: e.g. 'import_finished' with its import's counts.
  kind text not null,
  params jsonb not null default '{}',
  link text,
  created_at timestamptz(3) not null default now(),
  read_at timestamptz(3),
  primary key (organization_id, id),
  foreign key (organization_id, member_id) references members (organization_id, id) on delete cascade
);
create index notifications_member_idx on notifications (organization_id, member_id, created_at desc);

create table outbox (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  channel text not null check (channel in ('email', 'slack')),
  -- email: the member to write to; slack: null (the organization's webhook).
  member_id uuid,
  kind text not null,
  params jsonb not null default '{}',
  link text,
  language text not null default 'en' check (language in ('en', 'fr')),
  status text not null default 'pending' check (status in ('pending', 'sent', 'dead')),
  attempts integer not null default 0,
  next_attempt_at timestamptz(3) not null default now(),
  last_error text,
  created_at timestamptz(3) not null default now(),
  sent_at timestamptz(3),
  primary key (organization_id, id),
  foreign key (organization_id, member_id) references members (organization_id, id) on delete cascade
);
create index outbox_due_idx on outbox (next_attempt_at) where status = 'pending';

-- Each run of an import (preview or apply) carries a token: a run that finds another token in place has been
-- superseded (its worker was presumed dead and the import queued again) and must not write its result.
alter table imports add column run_token uuid;
