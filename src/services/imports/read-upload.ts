import type { CodedError } from '../../domain/result.ts';
import { isFileRefusal } from '../../files/errors.ts';
import { type OpenedFile, openSpreadsheet } from '../../files/reader.ts';
import { readFileChunks } from '../../storage/imports.ts';
import type { ImportRow } from '../../storage/schema.ts';
import type { ServiceContext } from '../context.ts';
import { type StoredChunks, UploadBrokenOff } from './stored-chunks.ts';

/** Counts the bytes of the upload handed to the reader so far (a CSV is read as it streams). */
export interface ReadCounter {
  bytes: number;
}

async function* counted(chunks: AsyncIterable<Buffer>, counter: ReadCounter): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    counter.bytes += chunk.length;
    yield chunk;
  }
}

/**
 * Opens an import's stored upload as a table (header and rows), streaming it from the database; with `following`,
 * an upload still being stored, each chunk read once it is committed.
 */
export async function openUpload(
  ctx: ServiceContext,
  imp: ImportRow,
  counter: ReadCounter = { bytes: 0 },
  following?: StoredChunks,
): Promise<OpenedFile> {
  const waitFor = following ? (n: number) => following.waitFor(n) : undefined;
  return openSpreadsheet(
    counted(readFileChunks(ctx.db, imp.organization_id, imp.id, waitFor), counter),
    imp.file_name,
    {
      maxBytes: ctx.settings.files.maxBytes,
      maxLineBytes: ctx.settings.files.maxLineBytes,
      maxColumns: ctx.settings.files.maxColumns,
      ...(imp.sheet ? { sheet: imp.sheet } : {}),
    },
  );
}

/**
 * The coded refusal behind an exception, when the file (not the program) is at fault: a file that cannot be read,
 * or an upload that broke off while a run followed it.
 */
export function refusalOf(e: unknown): CodedError | undefined {
  if (e instanceof UploadBrokenOff) return e.refusal;
  return isFileRefusal(e) ? e.toCodedError() : undefined;
}
