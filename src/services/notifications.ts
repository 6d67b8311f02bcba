import { z } from 'zod';
import { notificationParams, renderNotification } from '../domain/messages/notification.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../storage/notifications.ts';
import type { NotificationRow } from '../storage/schema-notifications.ts';
import { type Actor, inOrganization, type Lang, type ServiceContext } from './context.ts';

/** A notification as the member reads it, in their language. */
export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** The query of the notification list. */
export const notificationListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});

const cursorSchema = z.object({ c: z.iso.datetime(), id: z.uuid() });

/** Presents a notification row in a language. */
export function notificationView(row: NotificationRow, lang: Lang): NotificationView {
  const { title, body } = renderNotification(row.kind, notificationParams(row.params), lang);
  return {
    id: row.id,
    kind: row.kind,
    title,
    body,
    link: row.link,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}

/**
 * A page of the caller's own notifications, newest first, with how many are unread; paginated by an opaque
 * keyset cursor so pages stay stable while new notifications arrive.
 */
export async function listMemberNotifications(
  ctx: ServiceContext,
  actor: Actor,
  q: z.output<typeof notificationListQuery>,
): Promise<Result<{ items: NotificationView[]; nextCursor: string | null; unreadCount: number }>> {
  ctx = inOrganization(ctx, actor);
  let before: { createdAt: string; id: string } | undefined;
  if (q.cursor) {
    try {
      const c = cursorSchema.parse(JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')));
      before = { createdAt: c.c, id: c.id };
    } catch {
      return fail('invalid_cursor');
    }
  }
  // An API key whose creator left acts for nobody: nobody's notifications.
  if (!actor.memberId) return ok({ items: [], nextCursor: null, unreadCount: 0 });
  const rows = await listNotifications(ctx.db, actor.organizationId, actor.memberId, {
    limit: q.limit + 1,
    before,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? Buffer.from(JSON.stringify({ c: last.created_at.toISOString(), id: last.id })).toString('base64url')
      : null;
  const unreadCount = await countUnreadNotifications(ctx.db, actor.organizationId, actor.memberId);
  return ok({ items: page.map((r) => notificationView(r, actor.language)), nextCursor, unreadCount });
}

/** How many of the caller's notifications are unread. */
export async function countMemberUnread(ctx: ServiceContext, actor: Actor): Promise<number> {
  ctx = inOrganization(ctx, actor);
  if (!actor.memberId) return 0;
  return countUnreadNotifications(ctx.db, actor.organizationId, actor.memberId);
}

/** Marks one of the caller's notifications read; anyone else's (or another organization's) is not found. */
export async function readNotification(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  now: Date = new Date(),
): Promise<Result<NotificationView>> {
  ctx = inOrganization(ctx, actor);
  if (!actor.memberId) return fail('not_found');
  const row = await markNotificationRead(ctx.db, actor.organizationId, actor.memberId, id, now);
  return row ? ok(notificationView(row, actor.language)) : fail('not_found');
}

/** Marks every notification of the caller read; returns how many were unread. */
export async function readAllNotifications(
  ctx: ServiceContext,
  actor: Actor,
  now: Date = new Date(),
): Promise<Result<{ updated: number }>> {
  ctx = inOrganization(ctx, actor);
  if (!actor.memberId) return ok({ updated: 0 });
  return ok({ updated: await markAllNotificationsRead(ctx.db, actor.organizationId, actor.memberId, now) });
}
