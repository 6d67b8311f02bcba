import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type FileRefusalCode, isFileRefusal } from '../../src/files/errors.ts';
import type { ReadOptions } from '../../src/files/options.ts';
import { type OpenedFile, openSpreadsheet, type SheetRow } from '../../src/files/reader.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'files');

/** The bytes of a committed fixture. */
export function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

export interface ReadResult {
  file: Omit<OpenedFile, 'rows' | 'close'>;
  rows: SheetRow[];
}

/** Opens and reads a whole file. */
export async function readAll(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  name: string,
  options?: ReadOptions,
) {
  const file = await openSpreadsheet(input, name, options);
  const rows: SheetRow[] = [];
  for await (const row of file.rows) rows.push(row);
  return { file, rows };
}

/** The refusal a read ends with (fails the test when the file reads fine or the error is not a refusal). */
export async function refusal(
  input: Uint8Array | AsyncIterable<Uint8Array>,
  name: string,
  options?: ReadOptions,
) {
  try {
    await readAll(input, name, options);
  } catch (error) {
    expect(isFileRefusal(error), String(error)).toBe(true);
    if (isFileRefusal(error)) return { code: error.code, params: error.params };
  }
  throw new Error(`${name} was read without a refusal`);
}

/** A byte stream that hands out the bytes in small pieces, to exercise chunk boundaries. */
export async function* trickle(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

/** Every refusal code of the files layer; the type check below fails when `FileRefusalCode` gains one. */
export const REFUSAL_CODES = [
  'empty_file',
  'no_data_rows',
  'legacy_xls',
  'xlsx_encrypted',
  'not_a_spreadsheet',
  'unsupported_extension',
  'invalid_xlsx',
  'xlsx_too_large',
  'xlsx_doctype_refused',
  'sheet_not_found',
  'unterminated_quote',
  'malformed_quote',
  'mixed_encoding',
  'unreadable_bytes',
  'line_too_long',
  'too_many_columns',
  'file_too_large',
] as const satisfies readonly FileRefusalCode[];
export type Listed = (typeof REFUSAL_CODES)[number];
export const everyCodeListed: [FileRefusalCode] extends [Listed] ? true : never = true;
