import { z } from 'zod';
import { lineErrorMessage } from '../../domain/lines/messages.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findImport, listLineErrors } from '../../storage/imports.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import type { importPageQuery } from './import-changes.ts';
import type { ErrorEntry } from './summary.ts';

const cursorSchema = z.object({ l: z.number().int().min(0), s: z.number().int().min(0) });

/**
 * The refused cells of an import in file order (line, column as named in the file, value, code, message in the
 * member's language), paginated by an opaque cursor on (line, seq).
 */
export async function listImportErrors(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  q: z.output<typeof importPageQuery>,
): Promise<Result<{ items: ErrorEntry[]; nextCursor: string | null }>> {
  ctx = inOrganization(ctx, actor);
  let after: { line: number; seq: number } | undefined;
  if (q.cursor) {
    try {
      const c = cursorSchema.parse(JSON.parse(Buffer.from(q.cursor, 'base64url').toString('utf8')));
      after = { line: c.l, seq: c.s };
    } catch {
      return fail('invalid_cursor');
    }
  }
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  const rows = await listLineErrors(ctx.db, actor.organizationId, importId, { limit: q.limit + 1, after });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return ok({
    // The same entry, message included, as the command line's summary (`importErrors`) gives.
    items: page.map((e) => ({
      line: e.line,
      column: e.column_name,
      value: e.value,
      code: e.code,
      message: lineErrorMessage(
        { code: e.code, field: e.field ?? '', params: (e.params as Record<string, string | number>) ?? {} },
        actor.language,
        e.column_name ?? undefined,
      ),
    })),
    nextCursor:
      rows.length > q.limit && last
        ? Buffer.from(JSON.stringify({ l: last.line, s: last.seq }), 'utf8').toString('base64url')
        : null,
  });
}
