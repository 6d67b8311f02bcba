import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { isFileRefusal } from '../../src/files/errors.ts';
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
