import { CompiledQuery, type Kysely } from 'kysely';
import type pg from 'pg';
import type { AuditEventRow, AuditVia, DB } from './schema.ts';

type Queryable = Pick<pg.PoolClient, 'query'>;

/** An event to record; the actor's label is looked up in the same statement. */
export interface NewAuditEvent {
  organizationId: string;
  memberId: string | null;
  userId: string | null;
  /** The API key acting, when there is one: the label is then "api key <name>". */
  apiKeyId: string | null;
  via: AuditVia;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: Record<string, unknown>;
}

// One statement for both kinds of connection (Kysely transactions and the import's pg client). The label is copied
// now so the event still says who acted after the member, user or key is gone. clock_timestamp(), not the
// transaction's start: a long import is dated when it was applied, not when it began.
const INSERT = `
insert into audit_events
  (organization_id, occurred_at, member_id, user_id, actor_label, via, action, target_type, target_id, summary)
values ($1::uuid, clock_timestamp(), $2::uuid, $3::uuid,
  coalesce(
    case when $5::text = 'cli' then 'command line' end,
    (select 'api key ' || k.name from api_keys k where k.organization_id = $1::uuid and k.id = $4::uuid),
    (select u.email from users u where u.id = $3::uuid),
    $5::text),
  $5::text, $6::text, $7::text, $8::text, $9::jsonb)`;

function params(e: NewAuditEvent): unknown[] {
  return [
    e.organizationId,
    e.memberId,
    e.userId,
    e.apiKeyId,
    e.via,
    e.action,
    e.targetType,
    e.targetId,
    JSON.stringify(e.summary),
  ];
}

/** Records an event through Kysely: pass the transaction of the change so both commit or neither does. */
export async function insertAuditEvent(db: Kysely<DB>, event: NewAuditEvent): Promise<void> {
  await db.executeQuery(CompiledQuery.raw(INSERT, params(event)));
}

/** Records an event on a pg client inside its open transaction (imports and reverts). */
export async function insertAuditEventIn(client: Queryable, event: NewAuditEvent): Promise<void> {
  await client.query(INSERT, params(event));
}

/** Which events to list; every filter is optional and they combine. */
export interface AuditEventFilter {
  /** `customer` matches customer.created, customer.updated...; a whole code matches itself. */
  actionPrefix?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  memberId?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The organization's events, newest first, after an optional keyset position (occurredAt, id). */
export async function listAuditEvents(
  db: Kysely<DB>,
  organizationId: string,
  opts: {
    limit: number;
    before?: { occurredAt: Date; id: string } | undefined;
    filter: AuditEventFilter;
  },
): Promise<AuditEventRow[]> {
  const f = opts.filter;
  let q = db.selectFrom('audit_events').selectAll().where('organization_id', '=', organizationId);
  if (opts.before) {
    const { occurredAt, id } = opts.before;
    q = q.where((eb) => eb(eb.refTuple('occurred_at', 'id'), '<', eb.tuple(occurredAt, id)));
  }
  if (f.actionPrefix) q = q.where('action', 'like', `${likeEscaped(f.actionPrefix)}%`);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.memberId) q = q.where('member_id', '=', f.memberId);
  if (f.from) q = q.where('occurred_at', '>=', f.from);
  if (f.to) q = q.where('occurred_at', '<', f.to);
  return q.orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}
