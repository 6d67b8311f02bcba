import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import { listAuditEvents } from '../storage/audit.ts';
import type { AuditEventRow, AuditVia } from '../storage/schema.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .describe('ISO 8601 date-time (or a date, meaning its midnight UTC)');

/** The query of the audit log: an opaque cursor, a page size and filters that combine. */
export const auditListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().describe('nextCursor of the previous page'),
  action: z
    .string()
    .trim()
    .max(100)
    .optional()
    .describe('action code or its start: `customer` gives customer.created, customer.updated...'),
  targetType: z.string().trim().max(50).optional().describe('customer, contact, import, member...'),
  targetId: z.string().trim().max(200).optional(),
  memberId: z.uuid().optional().describe('events by this member'),
  from: instant.optional().describe('events at or after this instant'),
  to: instant.optional().describe('events strictly before this instant'),
});

/** One event as the API and the command line show it. */
export interface AuditEventView {
  id: string;
  occurredAt: Date;
  action: string;
  actor: { label: string; memberId: string | null; userId: string | null; via: AuditVia };
  targetType: string | null;
  targetId: string | null;
  summary: Record<string, unknown>;
}

const cursorSchema = z.object({ o: z.iso.datetime(), i: z.uuid() });

function view(r: AuditEventRow): AuditEventView {
  return {
    id: r.id,
    occurredAt: r.occurred_at,
    action: r.action,
    actor: { label: r.actor_label, memberId: r.member_id, userId: r.user_id, via: r.via },
    targetType: r.target_type,
    targetId: r.target_id,
    summary: r.summary,
  };
}

function readCursor(cursor: string): { occurredAt: Date; id: string } | undefined {
  try {
    const c = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { occurredAt: new Date(c.o), id: c.i };
  } catch {
    return undefined;
  }
}

/**
 * The audit log of the actor's organization (admins only), newest first, a page at a time. The cursor is a keyset
 * position (occurredAt, id): events recorded while someone pages never shift or repeat the pages they read.
 */
export async function listOrganizationAuditEvents(
  ctx: ServiceContext,
  actor: Actor,
  q: z.output<typeof auditListQuery>,
): Promise<Result<{ items: AuditEventView[]; nextCursor: string | null }>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const before = q.cursor ? readCursor(q.cursor) : undefined;
  if (q.cursor && !before) return fail('invalid_cursor');
  const rows = await listAuditEvents(ctx.db, actor.organizationId, {
    limit: q.limit + 1,
    before,
    filter: {
      actionPrefix: q.action,
      targetType: q.targetType,
      targetId: q.targetId,
      memberId: q.memberId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    },
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? Buffer.from(JSON.stringify({ o: last.occurred_at.toISOString(), i: last.id }), 'utf8').toString(
          'base64url',
        )
      : null;
  return ok({ items: page.map(view), nextCursor });
}
