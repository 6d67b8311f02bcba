import { createHash } from 'node:crypto';
import { safeFileName } from '../../domain/file-name.ts';
import { type ImportKind, isImportKind } from '../../domain/import-fields.ts';
import { type CodedError, fail, ok, type Result } from '../../domain/result.ts';
import { formatSize } from '../../domain/size.ts';
import { sourceSystemRules } from '../../domain/source-systems.ts';
import type { OpenedFile } from '../../files/reader.ts';
import {
  addImportWarning,
  deleteFileChunks,
  findAppliedImportsBySha,
  findImport,
  insertFileChunk,
  insertImport,
  updateImport,
} from '../../storage/imports.ts';
import { findOrganization } from '../../storage/organizations.ts';
import { type Actor, inOrganization, type ServiceContext } from '../context.ts';
import { requireFeature } from '../feature-flags.ts';
import { initialMapping } from './mapping.ts';
import { openUpload, refusalOf } from './read-upload.ts';
import { StoredChunks } from './stored-chunks.ts';
import { type ImportView, type ImportWarning, importView } from './view.ts';

/** The size of each stored chunk of an upload; a body read in pieces of this size fills one per piece. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** Chunks compressed and stored at once while an upload is read (see storeChunks). */
const STORING_AT_ONCE = 2;

/** What a person sends to start an import. */
export interface UploadInput {
  kind: string;
  mode?: string | undefined;
  fileName: string;
  body: AsyncIterable<Uint8Array>;
  dryRun?: boolean;
}

const MODES = ['create_update', 'create_only', 'update_only'] as const;

/** An upload stored whole: its size and SHA-256. */
export interface StoredFile {
  size: number;
  sha256: string;
}

/**
 * An upload whose import can run while the rest of its file is stored (`beginUpload`): the run reads each chunk
 * once it is committed (`chunks`), and concludes only once `finished()` says the file is stored whole.
 */
export interface UploadInProgress {
  chunks: StoredChunks;
  /**
   * The file stored whole, its size and digest recorded on the import (and the warning of a file applied before);
   * or the refusal that broke the upload off, the import then failed and its chunks deleted. Throws what broke the
   * body off (a client gone). The same answer however often it is asked.
   */
  finished(): Promise<Result<StoredFile>>;
}

/**
 * Stores an uploaded file in the database (any worker can then read it, and it stays downloadable), reads its
 * header, and proposes a mapping. A file that cannot be read is kept in the history as failed, and refused.
 */
export async function uploadImport(
  ctx: ServiceContext,
  actor: Actor,
  input: UploadInput,
): Promise<Result<ImportView>> {
  const begun = await beginUpload(ctx, actor, input);
  if (!begun.ok) return begun;
  const stored = await begun.value.upload.finished();
  if (!stored.ok) return stored;
  const done = await findImport(inOrganization(ctx, actor).db, actor.organizationId, begun.value.view.id);
  return done ? ok(importView(done)) : fail('not_found');
}

/**
 * Starts storing an uploaded file and returns once its header is read and a mapping proposed, the rest of the file
 * still being stored: the command line then runs the import as the file is stored, instead of after (a
 * million-line file's upload took about 0.7 s; docs/performance.md). A run given the upload follows it, and the
 * caller asks `finished()` before it ends whatever happened, so that no upload outlives its command.
 */
export async function beginUpload(
  ctx: ServiceContext,
  actor: Actor,
  input: UploadInput,
): Promise<Result<{ view: ImportView; upload: UploadInProgress }>> {
  ctx = inOrganization(ctx, actor);
  if (!isImportKind(input.kind)) return fail('validation_failed', { detail: `kind: ${input.kind}` });
  const mode = input.mode ?? 'create_update';
  if (!(MODES as readonly string[]).includes(mode))
    return fail('validation_failed', { detail: `mode: ${mode}` });
  const allowed = await kindAllowed(ctx, actor.organizationId, input.kind);
  if (!allowed.ok) return allowed;
  const fileName = safeFileName(input.fileName);
  const imp = await insertImport(ctx.db, {
    organization_id: actor.organizationId,
    kind: input.kind,
    mode: mode as (typeof MODES)[number],
    file_name: fileName,
    created_by: actor.memberId,
    dry_run: input.dryRun ?? false,
  });
  const upload = storeUpload(ctx, actor.organizationId, imp.id, input.body);
  let table: OpenedFile;
  try {
    table = await openUpload(ctx, imp, undefined, upload.chunks);
    await table.close();
  } catch (e) {
    // What broke the upload off says more than what its first bytes could be read as.
    const stored = await upload.finished();
    if (!stored.ok) return stored;
    const refusal = refusalOf(e);
    if (!refusal) throw e;
    await markFailed(ctx, actor.organizationId, imp.id, refusal);
    return fail(refusal.code, { ...refusal.params, importId: imp.id });
  }
  const headers = table.header.cells;
  const match = await initialMapping(ctx, actor.organizationId, input.kind, headers, actor.language);
  const warnings: ImportWarning[] = match.remembered ? [{ code: 'mapping_remembered' }] : [];
  const row = await updateImport(ctx.db, actor.organizationId, imp.id, {
    format: table.format,
    encoding: table.encoding,
    delimiter: table.delimiter,
    sheet: table.sheetName,
    header_line: table.header.line,
    headers: JSON.stringify(headers),
    mapping: JSON.stringify(match.mapping),
    ignored_columns: JSON.stringify(match.ignored.map((c) => c.header)),
    warnings: JSON.stringify(warnings),
  });
  if (!row) {
    // Deleted meanwhile: the upload still ends here, not after its caller.
    await upload.finished().catch(() => undefined);
    return fail('not_found');
  }
  return ok({ view: importView(row), upload });
}

/**
 * Whether the organization may import this kind: contacts need the contact-import feature; customers files are
 * refused where the source system owns customers (the assignments import is offered instead).
 */
async function kindAllowed(
  ctx: ServiceContext,
  organizationId: string,
  kind: ImportKind,
): Promise<Result<null>> {
  if (kind === 'contacts') return requireFeature(ctx, organizationId, 'contact-import');
  if (kind === 'customers') {
    const org = await findOrganization(ctx.db, organizationId);
    if (org && sourceSystemRules(org).customersLocked) return fail('customers_locked');
  }
  return ok(null);
}

/**
 * Stores `body` as the import's chunks, in the background: what `beginUpload` hands out. When the upload breaks
 * off, readers following it get the refusal, and `finished()` fails the import and deletes its chunks (a failed
 * import keeps no half-stored file).
 */
function storeUpload(
  ctx: ServiceContext,
  organizationId: string,
  importId: string,
  body: AsyncIterable<Uint8Array>,
): UploadInProgress {
  const chunks = new StoredChunks();
  const storing = storeChunks(ctx, organizationId, importId, body, chunks);
  storing.then(
    (stored) => (stored.ok ? chunks.end() : chunks.fail(stored.error)),
    (e: unknown) => chunks.fail(brokenOff(ctx, e)),
  );
  const failed = async (refusal: CodedError) => {
    await deleteFileChunks(ctx.db, organizationId, importId);
    await markFailed(ctx, organizationId, importId, refusal);
  };
  const finish = async (): Promise<Result<StoredFile>> => {
    let stored: Result<StoredFile>;
    try {
      stored = await storing;
    } catch (e) {
      // The upload broke off (a client gone, the server's size limit): keep a failed import, not a half-stored one.
      await failed(brokenOff(ctx, e));
      throw e;
    }
    if (!stored.ok) {
      await failed(stored.error);
      return fail(stored.error.code, { ...stored.error.params, importId });
    }
    await updateImport(ctx.db, organizationId, importId, {
      file_size: stored.value.size,
      file_sha256: stored.value.sha256,
    });
    const earlier = await findAppliedImportsBySha(ctx.db, organizationId, stored.value.sha256, importId);
    if (earlier[0]) {
      await addImportWarning(ctx.db, organizationId, importId, {
        code: 'duplicate_file',
        params: { importId: earlier[0].id, date: new Date(earlier[0].created_at).toISOString().slice(0, 10) },
      });
    }
    return stored;
  };
  let finishing: Promise<Result<StoredFile>> | undefined;
  return {
    chunks,
    finished: () => {
      finishing ??= finish();
      return finishing;
    },
  };
}

/** An import refused, as its history keeps it. */
async function markFailed(
  ctx: ServiceContext,
  organizationId: string,
  importId: string,
  refusal: CodedError,
): Promise<void> {
  await updateImport(ctx.db, organizationId, importId, {
    status: 'failed',
    refusal: JSON.stringify(refusal),
    finished_at: new Date(),
  });
}

/** The refusal of an upload whose body broke off with `e`. */
function brokenOff(ctx: ServiceContext, e: unknown): CodedError {
  return (e as { code?: string }).code === 'file_too_large'
    ? { code: 'file_too_large', params: { limit: formatSize(ctx.settings.files.maxBytes) } }
    : { code: 'upload_interrupted' };
}

async function storeChunks(
  ctx: ServiceContext,
  organizationId: string,
  importId: string,
  body: AsyncIterable<Uint8Array>,
  committed: StoredChunks,
): Promise<Result<StoredFile>> {
  const hash = createHash('sha256');
  let size = 0;
  let chunkNo = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Chunks are compressed (in libuv's thread pool) and stored while the next ones are read, STORING_AT_ONCE of them
  // at a time: one at a time, a 131 MB file's upload waited for a single thread's deflate (about 200 MB/s), with
  // the machine's other processor idle. At most STORING_AT_ONCE + 1 chunks in memory.
  const storing: Promise<void>[] = [];
  const flush = async () => {
    if (storing.length >= STORING_AT_ONCE) await storing.shift();
    if (pendingBytes === 0) return;
    // A body read a chunk's size at a time (the command line's) gives each chunk whole: stored without a copy.
    const data = pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending);
    const n = chunkNo++;
    const stored = insertFileChunk(ctx.db, organizationId, importId, n, data).then(() => committed.stored(n));
    stored.catch(() => undefined);
    storing.push(stored);
    pending = [];
    pendingBytes = 0;
  };
  try {
    for await (const part of body) {
      const buf = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
      size += buf.length;
      if (size > ctx.settings.files.maxBytes) {
        return fail('file_too_large', { limit: formatSize(ctx.settings.files.maxBytes) });
      }
      hash.update(buf);
      pending.push(buf);
      pendingBytes += buf.length;
      if (pendingBytes >= UPLOAD_CHUNK_BYTES) await flush();
    }
    await flush();
    await Promise.all(storing);
  } finally {
    // However the upload ends, no chunk is still being stored when the caller keeps or deletes them.
    await Promise.allSettled(storing);
  }
  if (size === 0) return fail('empty_file');
  return ok({ size, sha256: hash.digest('hex') });
}
