/** The shapes the HTTP API answers with (see /api/openapi.json); dates are ISO 8601 strings. */
import type { ImportKind } from '../../../src/domain/import-fields.ts';
import type { Lang } from '../../../src/domain/messages/types.ts';
import type { Position } from '../../../src/domain/values/positions.ts';

export type { ImportKind, Lang, Position };

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface NotificationChannels {
  inApp: boolean;
  email: boolean;
  slack: boolean;
}

export interface Member {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
  language: Lang;
  notifications: NotificationChannels;
  createdAt: string;
}

export interface Organization {
  id: string;
  slug: string;
  name: string;
  defaultCountry: string;
  defaultLanguage: Lang;
  sourceSystem: string;
  mainContactFromIntegration: boolean;
  customersUpdatableByFiles: boolean;
  slackWebhookConfigured: boolean;
  features: string[];
}

export interface Session {
  organizationId: string;
  organization: Organization;
  role: 'admin' | 'member';
  via: string;
  csrfToken: string | null;
  member: Member | null;
}

export interface Customer {
  id: string;
  name: string;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  addressLine1: string | null;
  addressLine2: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
  vatNumber: string | null;
  accountManager: { id: string; email: string | null } | null;
  dunningPlan: { id: string; name: string | null } | null;
  source: string;
  contactCount: number;
  mainContactEmail: string | null;
  createdAt: string;
  updatedAt: string;
}

/** The editable fields of a customer (null clears one). */
export type CustomerInput = Partial<
  Record<
    | 'name'
    | 'externalId'
    | 'email'
    | 'phone'
    | 'addressLine1'
    | 'addressLine2'
    | 'postalCode'
    | 'city'
    | 'country'
    | 'vatNumber',
    string | null
  >
> & { accountManagerId?: string | null; dunningPlanId?: string | null };

export interface Contact {
  id: string;
  customerId: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  reference: string | null;
  positions: Position[];
  isMain: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ContactInput = Partial<
  Record<'email' | 'firstName' | 'lastName' | 'phone' | 'reference', string | null>
> & { positions?: Position[]; isMain?: boolean };

export interface DunningStep {
  step?: number;
  daysFromDue: number;
  positions: Position[];
  includeMainContact: boolean;
}

export interface DunningPlan {
  id: string;
  name: string;
  createdAt: string;
  steps: DunningStep[];
}

export interface Invitation {
  id: string;
  email: string;
  role: 'admin' | 'member';
  status: 'pending' | 'accepted' | 'expired';
  createdAt: string;
  expiresAt: string;
  acceptUrl?: string;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  key?: string;
}

export interface AppNotification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export type ImportMode = 'create_update' | 'create_only' | 'update_only';

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

export interface CodedMessage {
  code: string;
  params?: Record<string, unknown>;
  message: string;
}

export interface LineCounts {
  created: number;
  updated: number;
  unchanged: number;
  error: number;
  blank: number;
}

export interface RecordCounts {
  customers: { created: number; updated: number };
  contacts: { created: number; updated: number };
  invoices?: { created: number; updated: number };
}

export interface RevertReport {
  deleted: number;
  restored: number;
  conflicts: { line: number; entity: string; recordId: string; code: string; message: string }[];
}

export interface ImportSummary {
  id: string;
  kind: ImportKind;
  mode: ImportMode;
  status: ImportStatus;
  dryRun: boolean;
  fileName: string;
  fileSize: number;
  format: string | null;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  headerLine: number | null;
  headers: string[];
  mapping: (string | null)[];
  ignoredColumns: string[];
  stage: string | null;
  progress: { linesDone: number; linesTotal: number | null; percent: number | null };
  lines: LineCounts | null;
  records: RecordCounts | null;
  warnings: CodedMessage[];
  refusal: CodedMessage | null;
  revert: RevertReport | null;
  startedBy: { id: string; email: string; name: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  revertedAt: string | null;
}

export interface ImportDetail extends ImportSummary {
  problems: CodedMessage[];
  samples: string[][];
}

export interface ImportLineError {
  line: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

export interface ImportChange {
  seq: number;
  line: number;
  entity: 'customer' | 'contact' | 'invoice';
  recordId: string;
  action: 'created' | 'updated';
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** Statuses of an import whose background work is still running. */
export const RUNNING_STATUSES: readonly ImportStatus[] = ['previewing', 'queued', 'applying', 'reverting'];

/** Statuses of an applied import (it may be reverted). */
export const APPLIED_STATUSES: readonly ImportStatus[] = ['success', 'error'];
