import { applyManualMapping, headerSignature, type ManualMapping } from '../../domain/header-matching.ts';
import { translate } from '../../domain/messages/index.ts';
import { fail, ok, type Result } from '../../domain/result.ts';
import { findImport, saveMapping, updateImport } from '../../storage/imports.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { toManual } from './mapping.ts';
import { type ImportView, importView } from './view.ts';

/**
 * Replaces an import's column mapping with a person's choice (each file column -> a field, or ignored) and
 * remembers it for the next file with the same headers. Refused with the file-level problems it leaves.
 */
export async function setImportMapping(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  manual: ManualMapping,
): Promise<Result<ImportView>> {
  ctx = inOrganization(ctx, actor);
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  if (!['uploaded', 'previewed'].includes(imp.status) || !imp.headers) {
    return fail('import_not_ready', { status: imp.status });
  }
  const headers = imp.headers as string[];
  const match = applyManualMapping(imp.kind, headers, manual, actor.language);
  if (match.problems.length > 0) {
    // The same code as a preview or apply blocked by the mapping, with each problem in `fields`.
    return {
      ok: false,
      error: {
        code: 'mapping_incomplete',
        params: {
          detail: match.problems.map((p) => translate(p.code, actor.language, p.params)).join(' ; '),
        },
        fields: match.problems.map((p) => ({
          field: 'mapping',
          code: p.code,
          ...(p.params ? { params: p.params } : {}),
        })),
      },
    };
  }
  await saveMapping(
    ctx.db,
    actor.organizationId,
    imp.kind,
    headerSignature(headers),
    toManual(headers, match.mapping),
  );
  const row = await updateImport(ctx.db, actor.organizationId, importId, {
    mapping: JSON.stringify(match.mapping),
    ignored_columns: JSON.stringify(match.ignored.map((c) => c.header)),
    status: 'uploaded',
  });
  return row ? ok(importView(row)) : fail('not_found');
}
