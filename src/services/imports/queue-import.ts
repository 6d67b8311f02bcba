import { fail, ok, type Result } from '../../domain/result.ts';
import { findImport, updateImport } from '../../storage/imports.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { mappingBlock } from './preview-import.ts';
import { type ImportView, importView } from './view.ts';

/** The job that applies an import on a worker. */
export const APPLY_IMPORT_JOB = 'import-apply';

/** What the apply job carries: enough for any worker to act as the member who asked. */
export interface ApplyImportJob {
  organizationId: string;
  importId: string;
  memberId: string | null;
  /** The API key that asked, when one did (the audit log names it). */
  apiKeyId?: string | null;
}

/**
 * Hands an import to the workers: it is applied in the background, by whichever worker takes the job, and its
 * progress shows on the import. The person can go on working meanwhile.
 */
export async function queueImport(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
): Promise<Result<ImportView>> {
  ctx = inOrganization(ctx, actor);
  if (!ctx.jobs) throw new Error('queueImport needs a job queue');
  const blocked = await mappingBlock(ctx, actor, importId);
  if (blocked) return blocked;
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  const queued = await updateImport(
    ctx.db,
    actor.organizationId,
    importId,
    { status: 'queued', stage: 'queued', lines_done: 0 },
    ['uploaded', 'previewed'],
  );
  if (!queued) return fail('import_not_ready', { status: imp.status });
  const job: ApplyImportJob = {
    organizationId: actor.organizationId,
    importId,
    memberId: actor.memberId,
    apiKeyId: actor.apiKeyId ?? null,
  };
  await ctx.jobs.send(APPLY_IMPORT_JOB, job, { singletonKey: importId });
  return ok(importView(queued));
}
