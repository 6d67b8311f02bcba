import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type AuditEventView,
  auditListQuery,
  listOrganizationAuditEvents,
} from '../../services/list-audit-events.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { iso, problemSchema, sendResult } from '../reply.ts';

const auditEventSchema = z.object({
  id: z.uuid(),
  occurredAt: z.string(),
  action: z
    .string()
    .describe(
      'customer.created|updated|deleted, contact.created|updated|deleted|main_set, import.applied|reverted, member.added|updated|removed, invitation.created|revoked|accepted, api_key.created|revoked, dunning_plan.created|updated|deleted, settings.updated, feature.enabled|disabled|requested',
    ),
  actor: z.object({
    label: z.string().describe('the person’s email, "api key <name>", "command line" or "worker"'),
    memberId: z.uuid().nullable().describe('for an API key, the member who created it'),
    userId: z.uuid().nullable(),
    via: z.enum(['session', 'api_key', 'cli', 'worker']),
  }),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  summary: z
    .record(z.string(), z.unknown())
    .describe(
      'what happened: for an update, `changes` maps each changed field to {before, after}; for an import, the file name, kind and counts. Never passwords, tokens or secrets.',
    ),
});

function present(e: AuditEventView): z.infer<typeof auditEventSchema> {
  return { ...e, occurredAt: iso(e.occurredAt) };
}

/** The audit log of the caller's organization (admins). */
export function registerAuditEventRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  app.get(
    '/audit-events',
    {
      config: { admin: true },
      schema: {
        tags: ['audit log'],
        summary: 'Who created, changed, deleted, imported and reverted what (admins), newest first',
        description:
          'One event per change, written in the same transaction as the change. An import writes one `import.applied` event (its lines are in the import’s change log), a revert one `import.reverted`. Pages are keyset-paginated: pass `nextCursor` as `cursor`.',
        querystring: auditListQuery,
        response: {
          200: z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }),
          400: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await listOrganizationAuditEvents(ctx, actorOf(req), req.query), (r) => ({
        items: r.items.map(present),
        nextCursor: r.nextCursor,
      })),
  );
}
