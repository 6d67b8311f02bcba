import type { Kysely } from 'kysely';
import type pg from 'pg';
import { insertAuditEvent, insertAuditEventIn, type NewAuditEvent } from '../storage/audit.ts';
import type { DB } from '../storage/schema.ts';
import type { Actor } from './context.ts';

/** Every action the audit log records: stable dotted codes (clients translate them). */
export const AUDIT_ACTIONS = [
  'customer.created',
  'customer.updated',
  'customer.deleted',
  'contact.created',
  'contact.updated',
  'contact.deleted',
  'contact.main_set',
  'import.applied',
  'import.reverted',
  'member.added',
  'member.updated',
  'member.removed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'api_key.created',
  'api_key.revoked',
  'dunning_plan.created',
  'dunning_plan.updated',
  'dunning_plan.deleted',
  'settings.updated',
  'feature.enabled',
  'feature.disabled',
  'feature.requested',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an event is about. */
export interface AuditTarget {
  type:
    | 'customer'
    | 'contact'
    | 'import'
    | 'member'
    | 'invitation'
    | 'api_key'
    | 'dunning_plan'
    | 'organization'
    | 'feature';
  id: string;
}

/** What the audit log keeps in place of a secret value (a webhook address): that it was set, never what it is. */
export const HIDDEN = '[hidden]';

/** A field's value before and after a change. */
export interface FieldChange {
  before: unknown;
  after: unknown;
}

function event(actor: Actor, action: AuditAction, target: AuditTarget, summary: object): NewAuditEvent {
  return {
    organizationId: actor.organizationId,
    memberId: actor.memberId,
    userId: actor.userId,
    apiKeyId: actor.apiKeyId ?? null,
    via: actor.via,
    action,
    targetType: target.type,
    targetId: target.id,
    summary: summary as Record<string, unknown>,
  };
}

/**
 * Records who did what, inside the transaction of the change (`db` is that transaction): a rolled-back change
 * leaves no event and a committed one always has its event. Summaries never hold passwords, tokens or secrets.
 */
export async function recordAudit(
  db: Kysely<DB>,
  actor: Actor,
  action: AuditAction,
  target: AuditTarget,
  summary: object = {},
): Promise<void> {
  await insertAuditEvent(db, event(actor, action, target, summary));
}

/** Like recordAudit, on a pg client whose transaction is open (imports and reverts). */
export async function recordAuditIn(
  client: Pick<pg.PoolClient, 'query'>,
  actor: Actor,
  action: AuditAction,
  target: AuditTarget,
  summary: object = {},
): Promise<void> {
  await insertAuditEventIn(client, event(actor, action, target, summary));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The fields that differ between two versions of a row, by their API names (`columns` maps a field to its
 * column), each with its value before and after. Empty when nothing changed.
 */
export function fieldChanges(
  columns: Record<string, string>,
  before: object,
  after: object,
): Record<string, FieldChange> {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const changes: Record<string, FieldChange> = {};
  for (const [field, column] of Object.entries(columns)) {
    if (!same(b[column], a[column])) changes[field] = { before: b[column] ?? null, after: a[column] ?? null };
  }
  return changes;
}

/** The non-empty fields of a new row by their API names, for a creation's summary. */
export function fieldValues(columns: Record<string, string>, row: object): Record<string, unknown> {
  const r = row as Record<string, unknown>;
  const values: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(columns)) {
    const v = r[column];
    if (v !== null && v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0))
      values[field] = v;
  }
  return values;
}
