import { translate } from '../../domain/messages/index.ts';
import { fail, type Result } from '../../domain/result.ts';
import { findImport } from '../../storage/imports.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { mappingProblems } from './mapping.ts';
import { runImport } from './run-import.ts';
import type { UploadInProgress } from './upload-import.ts';
import type { ImportView } from './view.ts';

/** Runs every check of an import and counts what it would do, writing nothing to customers or contacts. */
export async function previewImport(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  upload?: UploadInProgress,
): Promise<Result<ImportView>> {
  ctx = inOrganization(ctx, actor);
  const blocked = await mappingBlock(ctx, actor, importId);
  if (blocked) return blocked;
  return runImport(ctx, actor, importId, { dryRun: true, upload });
}

/** The refusal when an import's mapping leaves file-level problems (a required column missing...). */
export async function mappingBlock(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
): Promise<Result<never> | undefined> {
  ctx = inOrganization(ctx, actor);
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  const problems = mappingProblems(imp, actor.language);
  if (problems.length === 0) return undefined;
  return {
    ok: false,
    error: {
      code: 'mapping_incomplete',
      params: { detail: problems.map((p) => translate(p.code, actor.language, p.params)).join(' ; ') },
      fields: problems.map((p) => ({
        field: 'mapping',
        code: p.code,
        ...(p.params ? { params: p.params } : {}),
      })),
    },
  };
}
