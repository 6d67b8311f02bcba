import { z } from 'zod';
import type { ChangeEntity } from '../../domain/import-plan/types.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findImport, listChanges } from '../../storage/imports.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';

/** What one line of an applied import did to one record: the data it imported. */
export interface ImportChange {
  seq: number;
  line: number;
  entity: ChangeEntity;
  recordId: string;
  action: 'created' | 'updated';
  /** The fields the line changed, as they were before (null for a created record). */
  before: unknown;
  /** The fields the line set. */
  after: unknown;
}

/** The query of a paginated import listing (changes, errors). */
export const importPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z.string().max(500).optional(),
});

const cursorSchema = z.object({ s: z.number().int().min(0) });

/** The changes an applied import made, in the order it made them, paginated by an opaque cursor. */
export async function listImportChanges(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  q: z.output<typeof importPageQuery>,
): Promise<Result<{ items: ImportChange[]; nextCursor: string | null }>> {
  ctx = inOrganization(ctx, actor);
  let afterSeq: number | undefined;
  if (q.cursor) {
    try {
      afterSeq = cursorSchema.parse(JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8'))).s;
    } catch {
      return fail('invalid_cursor');
    }
  }
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  const rows = await listChanges(ctx.db, actor.organizationId, importId, { limit: q.limit + 1, afterSeq });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return ok({
    items: page.map((c) => ({
      seq: c.seq,
      line: c.line,
      entity: c.entity,
      recordId: c.record_id,
      action: c.action,
      before: c.before ?? null,
      after: c.after,
    })),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(JSON.stringify({ s: last.seq }), 'utf8').toString('base64url')
        : null,
  });
}
