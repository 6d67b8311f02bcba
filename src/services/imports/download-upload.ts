import { fail, ok, type Result } from '../../domain/result.ts';
import { findImport, readFileChunks } from '../../storage/imports.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';

/** An import's original file, as it was uploaded. */
export interface UploadedFile {
  fileName: string;
  /** 'csv' or 'xlsx' when the file was read; null when it was refused before. */
  format: string | null;
  size: number;
  body: AsyncIterable<Buffer>;
}

/** The original upload of an import, byte for byte, streamed from the database one chunk at a time. */
export async function downloadUpload(
  ctx: ServiceContext,
  actor: Actor,
  importId: string,
): Promise<Result<UploadedFile>> {
  ctx = inOrganization(ctx, actor);
  const imp = await findImport(ctx.db, actor.organizationId, importId);
  if (!imp) return fail('not_found');
  return ok({
    fileName: imp.file_name,
    format: imp.format,
    size: Number(imp.file_size),
    body: readFileChunks(ctx.db, actor.organizationId, importId),
  });
}
