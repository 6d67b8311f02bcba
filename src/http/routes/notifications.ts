import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  listMemberNotifications,
  type NotificationView,
  notificationListQuery,
  readAllNotifications,
  readNotification,
} from '../../services/notifications.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { idParam, iso, problemSchema, sendResult } from '../reply.ts';

const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string().describe('import_finished | import_reverted'),
  title: z.string().describe("In the caller's language"),
  body: z.string(),
  link: z.string().nullable().describe('Path in the app, e.g. /imports/<id>'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

function presentNotification(n: NotificationView): z.infer<typeof notificationSchema> {
  return { ...n, createdAt: iso(n.createdAt), readAt: iso(n.readAt) };
}

/** The caller's own in-app notifications. */
export function registerNotificationRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const tags = ['notifications'];

  app.get(
    '/notifications',
    {
      schema: {
        tags,
        summary: 'List your notifications, newest first, with the unread count (cursor pagination)',
        querystring: notificationListQuery,
        response: {
          200: z.object({
            items: z.array(notificationSchema),
            nextCursor: z.string().nullable(),
            unreadCount: z.number(),
          }),
          400: problemSchema,
        },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await listMemberNotifications(ctx, actorOf(req), req.query), (page) => ({
        items: page.items.map(presentNotification),
        nextCursor: page.nextCursor,
        unreadCount: page.unreadCount,
      })),
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all your notifications read',
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (req, reply) => sendResult(req, reply, await readAllNotifications(ctx, actorOf(req)), (r) => r),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of your notifications read',
        params: idParam,
        response: { 200: notificationSchema, 404: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await readNotification(ctx, actorOf(req), req.params.id), presentNotification),
  );
}
