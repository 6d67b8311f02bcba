import { lineErrorMessage } from '../../domain/lines/messages.ts';
import type { Lang } from '../../domain/messages/index.ts';
import { translate } from '../../domain/messages/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findImport, listLineErrors } from '../../storage/imports.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { importView } from './view.ts';

/** One refused cell, as scripts and people read it. */
export interface ErrorEntry {
  line: number;
  column: string | null;
  value: string | null;
  code: string;
  message: string;
}

/** The result of an import in the command line's JSON contract. */
export interface ImportSummary {
  id: string;
  status: string;
  kind: string;
  dryRun: boolean;
  lines: { created: number; updated: number; unchanged: number; error: number; blank: number };
  records: {
    customers: { created: number; updated: number };
    contacts: { created: number; updated: number };
    /** Only in the summary of an invoices import, so the other kinds' contract stays as it was. */
    invoices?: { created: number; updated: number };
  };
  ignoredColumns: string[];
  errors: ErrorEntry[];
  warnings: { code: string; message: string }[];
}

/** Every refused cell of an import, in file order, with its message in a language (read page by page). */
export async function* importErrors(
  ctx: ServiceContext,
  organizationId: string,
  importId: string,
  lang: Lang,
): AsyncGenerator<ErrorEntry> {
  ctx = inOrganization(ctx, organizationId);
  let after: { line: number; seq: number } | undefined;
  for (;;) {
    const page = await listLineErrors(ctx.db, organizationId, importId, { limit: 5000, after });
    for (const e of page) {
      yield {
        line: e.line,
        column: e.column_name,
        value: e.value,
        code: e.code,
        message: lineErrorMessage(
          { code: e.code, field: e.field ?? '', params: (e.params as Record<string, string | number>) ?? {} },
          lang,
          e.column_name ?? undefined,
        ),
      };
    }
    const last = page.at(-1);
    if (!last || page.length < 5000) return;
    after = { line: last.line, seq: last.seq };
  }
}

/** The summary of an import: counts, ignored columns, every error and the warnings. */
export async function importSummary(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
): Promise<Result<ImportSummary>> {
  ctx = inOrganization(ctx, actor);
  const row = await findImport(ctx.db, actor.organizationId, importId);
  if (!row) return fail('not_found');
  const v = importView(row);
  const errors: ErrorEntry[] = [];
  for await (const e of importErrors(ctx, actor.organizationId, importId, actor.language)) errors.push(e);
  return ok({
    id: v.id,
    status: v.dryRun && v.status === 'previewed' ? 'previewed' : v.status,
    kind: v.kind,
    dryRun: v.dryRun,
    // Rebuilt field by field: the stored JSON does not keep key order, scripts and people read this one.
    lines: {
      created: v.lines?.created ?? 0,
      updated: v.lines?.updated ?? 0,
      unchanged: v.lines?.unchanged ?? 0,
      error: v.lines?.error ?? 0,
      blank: v.lines?.blank ?? 0,
    },
    records: {
      customers: { created: v.records?.customers.created ?? 0, updated: v.records?.customers.updated ?? 0 },
      contacts: { created: v.records?.contacts.created ?? 0, updated: v.records?.contacts.updated ?? 0 },
      ...(v.kind === 'invoices'
        ? {
            invoices: {
              created: v.records?.invoices.created ?? 0,
              updated: v.records?.invoices.updated ?? 0,
            },
          }
        : {}),
    },
    ignoredColumns: v.ignoredColumns,
    errors,
    warnings: v.warnings.map((w) => ({ code: w.code, message: translate(w.code, actor.language, w.params) })),
  });
}
