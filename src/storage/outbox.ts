import { type Kysely, sql } from 'kysely';
import type { DB, Language } from './schema.ts';
import type { NotificationsDB, OutboxChannelName, OutboxRow } from './schema-notifications.ts';

// DB does not list the notification tables yet; withTables adds them (a no-op once it does).
function tables(db: Kysely<DB>): Kysely<DB & NotificationsDB> {
  return db.withTables<NotificationsDB>();
}

/** A claimed outbox row with where it goes: the member's address for email, the webhook for Slack. */
export interface OutboxDelivery {
  organizationId: string;
  id: string;
  channel: OutboxChannelName;
  memberId: string | null;
  kind: string;
  params: unknown;
  link: string | null;
  language: Language;
  /** Attempts so far, this one included: the claim counts it, and it fences the marks that follow. */
  attempts: number;
  toEmail: string | null;
  toName: string | null;
  webhookUrl: string | null;
}

/** Queues a message for a channel. */
export async function insertOutbox(
  db: Kysely<DB>,
  values: {
    organization_id: string;
    channel: OutboxChannelName;
    member_id: string | null;
    kind: string;
    params: unknown;
    link: string | null;
    language: Language;
  },
): Promise<OutboxRow> {
  return tables(db)
    .insertInto('outbox')
    .values({ ...values, params: JSON.stringify(values.params) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether a message of this channel and kind whose parameters include `params` was already queued. */
export async function outboxExists(
  db: Kysely<DB>,
  organizationId: string,
  channel: OutboxChannelName,
  kind: string,
  params: Record<string, unknown>,
): Promise<boolean> {
  const row = await tables(db)
    .selectFrom('outbox')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('channel', '=', channel)
    .where('kind', '=', kind)
    .where(sql<boolean>`params @> ${JSON.stringify(params)}::jsonb`)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Claims up to `limit` pending rows due at `now`, across organizations (the drainer serves them all), in one
 * short statement: SKIP LOCKED lets several workers claim side by side without waiting for each other, and
 * moving `next_attempt_at` to `leaseUntil` hides the rows from every other claim until the lease ends, so no
 * transaction stays open while the message is sent. `attempts` is counted here, so a worker that dies while
 * sending still uses up an attempt, and it is the fencing token of the marks that follow.
 */
export async function claimDueOutbox(
  db: Kysely<DB>,
  opts: { now: Date; leaseUntil: Date; limit: number },
): Promise<OutboxDelivery[]> {
  const r = await sql<OutboxDelivery>`
    with due as (
      select organization_id, id, member_id from outbox
      where status = 'pending' and next_attempt_at <= ${opts.now}
      order by next_attempt_at
      limit ${opts.limit}
      for update skip locked
    )
    update outbox o
       set attempts = o.attempts + 1, next_attempt_at = ${opts.leaseUntil}
      from due
      join organizations g on g.id = due.organization_id
      left join members m on m.organization_id = due.organization_id and m.id = due.member_id
      left join users u on u.id = m.user_id
     where o.organization_id = due.organization_id and o.id = due.id
    returning o.organization_id as "organizationId", o.id, o.channel, o.member_id as "memberId", o.kind,
              o.params, o.link, o.language, o.attempts, u.email as "toEmail", u.name as "toName",
              g.slack_webhook_url as "webhookUrl"`.execute(db);
  return r.rows;
}

/** Marks a message sent, whoever holds the lease now: once delivered, nobody should send it again. */
export async function markOutboxSent(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
  at: Date,
): Promise<void> {
  await tables(db)
    .updateTable('outbox')
    .set({ status: 'sent', sent_at: at, last_error: null })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

/** Schedules the next attempt after a failure, unless another claim has taken the row since ours. */
export async function rescheduleOutbox(
  db: Kysely<DB>,
  m: { organizationId: string; id: string; attempts: number },
  nextAttemptAt: Date,
  error: string,
): Promise<void> {
  await fenced(db, m)
    .set({ next_attempt_at: nextAttemptAt, last_error: error.slice(0, 2000) })
    .execute();
}

/** Gives up on a message (kept, with its last error, for the operator to see). */
export async function markOutboxDead(
  db: Kysely<DB>,
  m: { organizationId: string; id: string; attempts: number },
  error: string,
): Promise<void> {
  await fenced(db, m)
    .set({ status: 'dead', last_error: error.slice(0, 2000) })
    .execute();
}

/** Hands a claimed message back untried (rate limits), giving its attempt back, until `until`. */
export async function releaseOutbox(
  db: Kysely<DB>,
  m: { organizationId: string; id: string; attempts: number },
  until: Date,
  note: string,
): Promise<void> {
  await fenced(db, m)
    .set((eb) => ({
      attempts: eb('attempts', '-', 1),
      next_attempt_at: until,
      last_error: note.slice(0, 2000),
    }))
    .execute();
}

function fenced(db: Kysely<DB>, m: { organizationId: string; id: string; attempts: number }) {
  return tables(db)
    .updateTable('outbox')
    .where('organization_id', '=', m.organizationId)
    .where('id', '=', m.id)
    .where('status', '=', 'pending')
    .where('attempts', '=', m.attempts);
}
