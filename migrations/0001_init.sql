-- Clientele: organizations, people, customers, contacts, dunning plans, invoices.
-- Every tenant-owned table carries organization_id, leads its keys with it and references other tenant rows
-- through (organization_id, id), so that the schema can be distributed by organization.
-- Normalised keys (customer name_key, plan name_key, lower-cased emails) are computed by src/domain and
-- enforced unique here.

create table organizations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  name text not null check (length(name) between 1 and 200),
  default_country char(2) not null default 'FR' check (default_country ~ '^[A-Z]{2}$'),
  default_language text not null default 'en' check (default_language in ('en', 'fr')),
  source_system text not null default 'none'
    check (source_system in ('none', 'native', 'api', 'salesforce_native', 'salesforce_api')),
  main_contact_from_integration boolean not null default false,
  customers_updatable_by_files boolean not null default true,
  slack_webhook_url text,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now()
);

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null unique check (email = lower(email) and length(email) <= 254),
  name text not null default '' check (length(name) <= 200),
  password_hash text,
  language text not null default 'en' check (language in ('en', 'fr')),
  created_at timestamptz(3) not null default now()
);

create table members (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  role text not null default 'member' check (role in ('admin', 'member')),
  notify_in_app boolean not null default true,
  notify_email boolean not null default true,
  notify_slack boolean not null default false,
  created_at timestamptz(3) not null default now(),
  primary key (organization_id, id),
  unique (organization_id, user_id)
);
create index members_user_idx on members (user_id);

create table invitations (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  email text not null check (email = lower(email)),
  role text not null default 'member' check (role in ('admin', 'member')),
  token_hash text not null unique,
  invited_by uuid,
  created_at timestamptz(3) not null default now(),
  expires_at timestamptz(3) not null,
  accepted_at timestamptz(3),
  primary key (organization_id, id),
  foreign key (organization_id, invited_by) references members (organization_id, id) on delete set null (invited_by)
);
create unique index invitations_pending_email_idx on invitations (organization_id, email) where accepted_at is null;

create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  organization_id uuid not null references organizations (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz(3) not null default now(),
  expires_at timestamptz(3) not null
);
create index sessions_user_idx on sessions (user_id);

create table api_keys (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  prefix text not null unique,
  key_hash text not null,
  created_by uuid,
  created_at timestamptz(3) not null default now(),
  last_used_at timestamptz(3),
  revoked_at timestamptz(3),
  primary key (organization_id, id),
  foreign key (organization_id, created_by) references members (organization_id, id) on delete set null (created_by)
);

create table feature_flags (
  organization_id uuid not null references organizations (id) on delete cascade,
  flag text not null check (flag ~ '^[a-z][a-z0-9-]{1,62}$'),
  enabled_at timestamptz(3) not null default now(),
  primary key (organization_id, flag)
);

create table feature_requests (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  flag text not null,
  requested_by uuid,
  requested_at timestamptz(3) not null default now(),
  handled_at timestamptz(3),
  primary key (organization_id, id),
  foreign key (organization_id, requested_by) references members (organization_id, id) on delete set null (requested_by)
);

create table dunning_plans (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  name_key text not null,
  created_at timestamptz(3) not null default now(),
  primary key (organization_id, id),
  unique (organization_id, name_key)
);

create table dunning_plan_steps (
  organization_id uuid not null,
  plan_id uuid not null,
  step_number integer not null check (step_number >= 1),
  days_from_due integer not null check (days_from_due between -365 and 3650),
  recipient_positions text[] not null default '{}'
    check (recipient_positions <@ array['accounting', 'sales', 'buyer', 'finance']::text[]),
  include_main_contact boolean not null default true,
  primary key (organization_id, plan_id, step_number),
  foreign key (organization_id, plan_id) references dunning_plans (organization_id, id) on delete cascade
);

create table customers (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  name_key text not null check (length(name_key) >= 1),
  external_id text check (length(external_id) between 1 and 100),
  email text check (email = lower(email)),
  phone text,
  address_line1 text,
  address_line2 text,
  postal_code text,
  city text,
  country char(2) check (country ~ '^[A-Z]{2}$'),
  vat_number text,
  account_manager_id uuid,
  dunning_plan_id uuid,
  source text not null default 'manual' check (source in ('manual', 'import', 'api', 'invoice')),
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (organization_id, id),
  unique (organization_id, name_key),
  foreign key (organization_id, account_manager_id) references members (organization_id, id)
    on delete set null (account_manager_id),
  foreign key (organization_id, dunning_plan_id) references dunning_plans (organization_id, id)
    on delete set null (dunning_plan_id)
);
create unique index customers_external_id_idx on customers (organization_id, external_id)
  where external_id is not null;
create index customers_created_idx on customers (organization_id, created_at, id);

create table contacts (
  organization_id uuid not null,
  id uuid not null default gen_random_uuid(),
  customer_id uuid not null,
  email text not null check (email = lower(email) and length(email) between 3 and 254),
  first_name text,
  last_name text,
  phone text,
  reference text,
  positions text[] not null default '{}'
    check (positions <@ array['accounting', 'sales', 'buyer', 'finance']::text[]),
  is_main boolean not null default false,
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (organization_id, id),
  unique (organization_id, customer_id, email),
  foreign key (organization_id, customer_id) references customers (organization_id, id) on delete cascade
);
create unique index contacts_one_main_idx on contacts (organization_id, customer_id) where is_main;
create index contacts_email_idx on contacts (organization_id, email);

create table invoices (
  organization_id uuid not null,
  id uuid not null default gen_random_uuid(),
  number text not null check (length(number) between 1 and 100),
  customer_id uuid not null,
  issue_date date not null,
  due_date date not null,
  amount numeric(16, 2) not null,
  currency char(3) not null default 'EUR' check (currency ~ '^[A-Z]{3}$'),
  status text not null default 'open' check (status in ('open', 'paid', 'cancelled')),
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  primary key (organization_id, id),
  unique (organization_id, number),
  foreign key (organization_id, customer_id) references customers (organization_id, id) on delete cascade
);
create index invoices_customer_idx on invoices (organization_id, customer_id);
