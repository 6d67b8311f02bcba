-- Imports: one uploaded file and everything that happened to it, kept as history.

create table imports (
  organization_id uuid not null references organizations (id) on delete cascade,
  id uuid not null default gen_random_uuid(),
  kind text not null check (kind in ('customers', 'contacts', 'assignments')),
  mode text not null default 'create_update' check (mode in ('create_update', 'create_only', 'update_only')),
  -- uploaded -> (previewing -> previewed) -> queued -> applying -> success | error | failed; then reverted.
  status text not null default 'uploaded'
    check (status in ('uploaded', 'previewing', 'previewed', 'queued', 'applying', 'success', 'error', 'failed',
                      'reverting', 'reverted')),
  dry_run boolean not null default false,
  file_name text not null,
  file_size bigint not null default 0,
  file_sha256 text,
  format text,
  encoding text,
  delimiter text,
  sheet text,
  header_line integer,
  headers jsonb,
  mapping jsonb,
  ignored_columns jsonb,
  lines_total integer,
  lines_done integer not null default 0,
  stage text,
  counts jsonb,
  records jsonb,
  warnings jsonb not null default '[]',
  refusal jsonb,
  created_by uuid,
  created_at timestamptz(3) not null default now(),
  started_at timestamptz(3),
  finished_at timestamptz(3),
  reverted_by uuid,
  reverted_at timestamptz(3),
  revert_report jsonb,
  primary key (organization_id, id),
  foreign key (organization_id, created_by) references members (organization_id, id) on delete set null (created_by),
  foreign key (organization_id, reverted_by) references members (organization_id, id) on delete set null (reverted_by)
);
create index imports_history_idx on imports (organization_id, created_at desc, id);
create index imports_sha_idx on imports (organization_id, file_sha256);

-- The original upload, in chunks, so that any process on any machine can read it and it can be downloaded.
create table import_file_chunks (
  organization_id uuid not null,
  import_id uuid not null,
  chunk_no integer not null,
  data bytea not null,
  primary key (organization_id, import_id, chunk_no),
  foreign key (organization_id, import_id) references imports (organization_id, id) on delete cascade
);

-- Every refused line: where (line, column as named in the file), what (value, code, params), and the line's
-- original cells so the error file can give it back.
create table import_line_errors (
  organization_id uuid not null,
  import_id uuid not null,
  line integer not null,
  seq smallint not null default 0,
  field text,
  column_name text,
  value text,
  code text not null,
  params jsonb,
  cells jsonb,
  primary key (organization_id, import_id, line, seq),
  foreign key (organization_id, import_id) references imports (organization_id, id) on delete cascade
);

-- Every change an applied import made, per line: enough to show "the data imported" and to revert.
create table import_changes (
  organization_id uuid not null,
  import_id uuid not null,
  seq integer not null,
  line integer not null,
  entity text not null check (entity in ('customer', 'contact')),
  record_id uuid not null,
  action text not null check (action in ('created', 'updated')),
  before jsonb,
  after jsonb not null,
  primary key (organization_id, import_id, seq),
  foreign key (organization_id, import_id) references imports (organization_id, id) on delete cascade
);
create index import_changes_record_idx on import_changes (organization_id, record_id);

-- The mapping a person chose, remembered for the next file with the same headers.
create table import_mappings (
  organization_id uuid not null references organizations (id) on delete cascade,
  kind text not null,
  header_signature text not null,
  mapping jsonb not null,
  updated_at timestamptz(3) not null default now(),
  primary key (organization_id, kind, header_signature)
);
