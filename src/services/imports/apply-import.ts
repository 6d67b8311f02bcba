import type { Result } from '../../domain/result.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { mappingBlock } from './preview-import.ts';
import { runImport } from './run-import.ts';
import type { UploadInProgress } from './upload-import.ts';
import type { ImportView } from './view.ts';

/** Applies an import in one transaction: every valid line is written, with its change log, or nothing is. */
export async function applyImport(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
  upload?: UploadInProgress,
): Promise<Result<ImportView>> {
  ctx = inOrganization(ctx, actor);
  const blocked = await mappingBlock(ctx, actor, importId);
  if (blocked) return blocked;
  return runImport(ctx, actor, importId, { dryRun: false, upload });
}
