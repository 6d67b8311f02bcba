import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { NotificationsDB } from './schema-notifications.ts';

/** Table types for Kysely, kept by hand beside migrations/ (one interface per table). */

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export type SourceSystem = 'none' | 'native' | 'api' | 'salesforce_native' | 'salesforce_api';
export type Language = 'en' | 'fr';
export type Role = 'admin' | 'member';
export type CustomerSource = 'manual' | 'import' | 'api' | 'invoice';
export type Position = 'accounting' | 'sales' | 'buyer' | 'finance';

export interface OrganizationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  default_country: Generated<string>;
  default_language: Generated<Language>;
  source_system: Generated<SourceSystem>;
  main_contact_from_integration: Generated<boolean>;
  customers_updatable_by_files: Generated<boolean>;
  slack_webhook_url: string | null;
  /** Raised at the commit of every change to what the customer list shows (bigint: read as a string). */
  data_version: ColumnType<string, never, never>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface UsersTable {
  id: Generated<string>;
  email: string;
  name: Generated<string>;
  password_hash: string | null;
  language: Generated<Language>;
  created_at: CreatedAt;
}

export interface MembersTable {
  organization_id: string;
  id: Generated<string>;
  user_id: string;
  role: Generated<Role>;
  notify_in_app: Generated<boolean>;
  notify_email: Generated<boolean>;
  notify_slack: Generated<boolean>;
  created_at: CreatedAt;
}

export interface InvitationsTable {
  organization_id: string;
  id: Generated<string>;
  email: string;
  role: Generated<Role>;
  token_hash: string;
  invited_by: string | null;
  created_at: CreatedAt;
  expires_at: Date | string;
  accepted_at: Date | string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  organization_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date | string;
}

export interface ApiKeysTable {
  organization_id: string;
  id: Generated<string>;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}

export interface FeatureFlagsTable {
  organization_id: string;
  flag: string;
  enabled_at: CreatedAt;
}

export interface FeatureRequestsTable {
  organization_id: string;
  id: Generated<string>;
  flag: string;
  requested_by: string | null;
  requested_at: CreatedAt;
  handled_at: Date | string | null;
}

export interface DunningPlansTable {
  organization_id: string;
  id: Generated<string>;
  name: string;
  name_key: string;
  created_at: CreatedAt;
}

export interface DunningPlanStepsTable {
  organization_id: string;
  plan_id: string;
  step_number: number;
  days_from_due: number;
  recipient_positions: ColumnType<Position[], Position[] | undefined, Position[]>;
  include_main_contact: Generated<boolean>;
}

export interface CustomersTable {
  organization_id: string;
  id: Generated<string>;
  name: string;
  name_key: string;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  postal_code: string | null;
  city: string | null;
  country: string | null;
  vat_number: string | null;
  account_manager_id: string | null;
  dunning_plan_id: string | null;
  source: Generated<CustomerSource>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface ContactsTable {
  organization_id: string;
  id: Generated<string>;
  customer_id: string;
  email: string;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  reference: string | null;
  positions: ColumnType<Position[], Position[] | undefined, Position[]>;
  is_main: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface InvoicesTable {
  organization_id: string;
  id: Generated<string>;
  number: string;
  customer_id: string;
  issue_date: string;
  due_date: string;
  amount: string;
  currency: Generated<string>;
  status: Generated<'open' | 'paid' | 'cancelled'>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** How an audited change was made: a logged-in person, an API key, the command line or a background worker. */
export type AuditVia = 'session' | 'api_key' | 'cli' | 'worker';

export interface AuditEventsTable {
  organization_id: string;
  id: Generated<string>;
  occurred_at: CreatedAt;
  member_id: string | null;
  user_id: string | null;
  actor_label: string;
  via: AuditVia;
  action: string;
  target_type: string | null;
  target_id: string | null;
  summary: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export type AuditEventRow = Selectable<AuditEventsTable>;

export interface DB extends ImportDB, NotificationsDB {
  organizations: OrganizationsTable;
  users: UsersTable;
  members: MembersTable;
  invitations: InvitationsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  feature_flags: FeatureFlagsTable;
  feature_requests: FeatureRequestsTable;
  dunning_plans: DunningPlansTable;
  dunning_plan_steps: DunningPlanStepsTable;
  customers: CustomersTable;
  contacts: ContactsTable;
  invoices: InvoicesTable;
  audit_events: AuditEventsTable;
}

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type Member = Selectable<MembersTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type Contact = Selectable<ContactsTable>;
export type NewContact = Insertable<ContactsTable>;
export type ContactUpdate = Updateable<ContactsTable>;
export type DunningPlan = Selectable<DunningPlansTable>;
export type Invoice = Selectable<InvoicesTable>;

type Json = ColumnType<unknown, string | undefined, string>;

export interface ImportsTable {
  organization_id: string;
  id: Generated<string>;
  kind: 'customers' | 'contacts' | 'assignments' | 'invoices';
  mode: Generated<'create_update' | 'create_only' | 'update_only'>;
  status: Generated<ImportStatus>;
  dry_run: Generated<boolean>;
  file_name: string;
  file_size: Generated<number>;
  file_sha256: string | null;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  header_line: number | null;
  headers: Json | null;
  mapping: Json | null;
  ignored_columns: Json | null;
  lines_total: number | null;
  lines_done: Generated<number>;
  stage: string | null;
  counts: Json | null;
  records: Json | null;
  warnings: ColumnType<unknown, string | undefined, string>;
  refusal: Json | null;
  created_by: string | null;
  created_at: CreatedAt;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  reverted_by: string | null;
  reverted_at: Date | string | null;
  revert_report: Json | null;
  run_token: string | null;
  bytes_done: Generated<number>;
}

export type ImportStatus =
  | 'uploaded'
  | 'previewing'
  | 'previewed'
  | 'queued'
  | 'applying'
  | 'success'
  | 'error'
  | 'failed'
  | 'reverting'
  | 'reverted';

export interface ImportFileChunksTable {
  organization_id: string;
  import_id: string;
  chunk_no: number;
  /** The file's bytes, raw-deflated when `deflated` (migration 0019). */
  data: Buffer;
  deflated: Generated<boolean>;
}

export interface ImportLineErrorsTable {
  organization_id: string;
  import_id: string;
  line: number;
  seq: number;
  field: string | null;
  column_name: string | null;
  value: string | null;
  code: string;
  params: Json | null;
  cells: Json | null;
}

/** An import's change log, one row per batch of lines (migrations/0017_import_change_batches.sql). */
export interface ImportChangeBatchesTable {
  organization_id: string;
  import_id: string;
  first_seq: number;
  last_seq: number;
  /**
   * [line, entity, record_id, action, before, after] per change, in the import's order: as json (`changes`, batches
   * written before migration 0019) or as that JSON text raw-deflated (`packed`).
   */
  changes: Json | null;
  packed: Buffer | null;
}

/** The live progress of an import's run (written by another connection than the run's transaction). */
export interface ImportProgressTable {
  organization_id: string;
  import_id: string;
  lines_done: number;
  bytes_done: number;
  stage: string | null;
  updated_at: Timestamp;
}

export interface ImportMappingsTable {
  organization_id: string;
  kind: string;
  header_signature: string;
  mapping: Json;
  updated_at: Timestamp;
}

export interface ImportDB {
  imports: ImportsTable;
  import_file_chunks: ImportFileChunksTable;
  import_line_errors: ImportLineErrorsTable;
  import_change_batches: ImportChangeBatchesTable;
  import_mappings: ImportMappingsTable;
  import_progress: ImportProgressTable;
}

export type ImportRow = Selectable<ImportsTable>;

export type NewInvoice = Insertable<InvoicesTable>;
