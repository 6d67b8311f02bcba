import { type Kysely, sql } from 'kysely';
import type { DB } from './schema.ts';
import type { NotificationRow, NotificationsDB } from './schema-notifications.ts';

// DB does not list the notification tables yet; withTables adds them (a no-op once it does).
function tables(db: Kysely<DB>): Kysely<DB & NotificationsDB> {
  return db.withTables<NotificationsDB>();
}

/** Inserts an in-app notification for a member. */
export async function insertNotification(
  db: Kysely<DB>,
  values: { organization_id: string; member_id: string; kind: string; params: unknown; link: string | null },
): Promise<NotificationRow> {
  return tables(db)
    .insertInto('notifications')
    .values({ ...values, params: JSON.stringify(values.params) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Whether the member already has a notification of this kind whose parameters include `params`. */
export async function notificationExists(
  db: Kysely<DB>,
  organizationId: string,
  memberId: string,
  kind: string,
  params: Record<string, unknown>,
): Promise<boolean> {
  const row = await tables(db)
    .selectFrom('notifications')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('member_id', '=', memberId)
    .where('kind', '=', kind)
    .where(sql<boolean>`params @> ${JSON.stringify(params)}::jsonb`)
    .executeTakeFirst();
  return row !== undefined;
}

/** A member's notifications, newest first, keyset-paginated on (created_at, id). */
export async function listNotifications(
  db: Kysely<DB>,
  organizationId: string,
  memberId: string,
  opts: { limit: number; before?: { createdAt: string; id: string } | undefined },
): Promise<NotificationRow[]> {
  let q = tables(db)
    .selectFrom('notifications')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('member_id', '=', memberId);
  if (opts.before) {
    const { createdAt, id } = opts.before;
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', new Date(createdAt)),
        eb.and([eb('created_at', '=', new Date(createdAt)), eb('id', '<', id)]),
      ]),
    );
  }
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(opts.limit).execute();
}

/** How many of a member's notifications are unread. */
export async function countUnreadNotifications(
  db: Kysely<DB>,
  organizationId: string,
  memberId: string,
): Promise<number> {
  const r = await tables(db)
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of a member's notifications read (keeping the first read time); undefined when not theirs. */
export async function markNotificationRead(
  db: Kysely<DB>,
  organizationId: string,
  memberId: string,
  id: string,
  at: Date,
): Promise<NotificationRow | undefined> {
  return tables(db)
    .updateTable('notifications')
    .set({ read_at: sql<Date>`coalesce(read_at, ${at})` })
    .where('organization_id', '=', organizationId)
    .where('member_id', '=', memberId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Marks every unread notification of a member read; returns how many changed. */
export async function markAllNotificationsRead(
  db: Kysely<DB>,
  organizationId: string,
  memberId: string,
  at: Date,
): Promise<number> {
  const r = await tables(db)
    .updateTable('notifications')
    .set({ read_at: at })
    .where('organization_id', '=', organizationId)
    .where('member_id', '=', memberId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
