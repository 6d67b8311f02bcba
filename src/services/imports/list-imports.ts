import { z } from 'zod';
import { fail, ok, type Result } from '../../domain/result.ts';
import { listImports } from '../../storage/imports.ts';
import { listMembers, type MemberWithUser } from '../../storage/members.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { type ImportView, importView } from './view.ts';

/** The member who started an import, as the history shows them. */
export interface ImportAuthor {
  id: string;
  email: string;
  name: string;
}

/** An import in the history: the import and who started it. */
export type ImportListItem = ImportView & { startedBy: ImportAuthor | null };

/** The query of the import history. */
export const importListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

const cursorSchema = z.object({ c: z.iso.datetime(), i: z.uuid() });

/** Who started an import; null when it came from the command line or the member has left. */
export function authorOf(member: MemberWithUser | undefined): ImportAuthor | null {
  return member ? { id: member.id, email: member.email, name: member.name } : null;
}

/** The organization's import history, newest first, paginated by an opaque keyset cursor on (createdAt, id). */
export async function listOrganizationImports(
  ctx: ServiceContext,
  actor: Actor,
  q: z.output<typeof importListQuery>,
): Promise<Result<{ items: ImportListItem[]; nextCursor: string | null }>> {
  ctx = inOrganization(ctx, actor);
  let before: { createdAt: string; id: string } | undefined;
  if (q.cursor) {
    try {
      const c = cursorSchema.parse(JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')));
      before = { createdAt: c.c, id: c.i };
    } catch {
      return fail('invalid_cursor');
    }
  }
  const rows = await listImports(ctx.db, actor.organizationId, { limit: q.limit + 1, before });
  const page = rows.slice(0, q.limit);
  // One query for every author of the page: an organization has few members, a page many imports.
  const members = new Map((await listMembers(ctx.db, actor.organizationId)).map((m) => [m.id, m]));
  const items = page.map((row) => ({
    ...importView(row),
    startedBy: authorOf(row.created_by ? members.get(row.created_by) : undefined),
  }));
  const last = page.at(-1);
  const nextCursor =
    rows.length > q.limit && last
      ? Buffer.from(
          JSON.stringify({ c: new Date(last.created_at).toISOString(), i: last.id }),
          'utf8',
        ).toString('base64url')
      : null;
  return ok({ items, nextCursor });
}
