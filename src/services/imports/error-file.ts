import { lineErrorMessage } from '../../domain/lines/messages.ts';
import type { Lang } from '../../domain/messages/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { type RefusedLine, writeErrorFile as renderErrorFile } from '../../files/error-file.ts';
import type { Delimiter } from '../../files/options.ts';
import { findImport, listLineErrors } from '../../storage/imports.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';

/** The refused lines of an import, one per line with all its messages joined, in file order. */
async function* refusedLines(
  ctx: ServiceContext,
  organizationId: string,
  importId: string,
  lang: Lang,
): AsyncGenerator<RefusedLine> {
  let after: { line: number; seq: number } | undefined;
  let current: { line: number; cells: string[]; messages: string[] } | undefined;
  for (;;) {
    const page = await listLineErrors(ctx.db, organizationId, importId, { limit: 5000, after });
    for (const e of page) {
      if (current && current.line !== e.line) {
        yield { cells: current.cells, error: current.messages.join(' ; ') };
        current = undefined;
      }
      current ??= { line: e.line, cells: (e.cells as string[] | null) ?? [], messages: [] };
      const message = lineErrorMessage(
        { code: e.code, field: e.field ?? '', params: (e.params as Record<string, string | number>) ?? {} },
        lang,
        e.column_name ?? undefined,
      );
      current.messages.push(e.column_name ? `${e.column_name}: ${message}` : message);
    }
    const last = page.at(-1);
    if (!last || page.length < 5000) break;
    after = { line: last.line, seq: last.seq };
  }
  if (current) yield { cells: current.cells, error: current.messages.join(' ; ') };
}

/**
 * The error file of an import: its refused lines with their original columns and an error column, in the file's
 * delimiter (`;` when the upload was a spreadsheet, as French Excel expects), UTF-8 with BOM.
 */
export async function errorFile(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
): Promise<Result<{ fileName: string; body: AsyncIterable<Buffer> }>> {
  ctx = inOrganization(ctx, actor);
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  // A file refused before its header was read has no lines to give back.
  if (!imp.headers) return fail('import_not_ready', { status: imp.status });
  const base = imp.file_name.replace(/\.[^.]*$/, '');
  const delimiter = (imp.delimiter as Delimiter | null) ?? (actor.language === 'fr' ? ';' : ',');
  return ok({
    fileName: `${base}-${actor.language === 'fr' ? 'erreurs' : 'errors'}.csv`,
    body: renderErrorFile({
      header: imp.headers as string[],
      lines: refusedLines(ctx, actor.organizationId, importId, actor.language),
      delimiter,
      lang: actor.language,
    }),
  });
}
