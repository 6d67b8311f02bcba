/**
 * CSV output for error files and exports: UTF-8 with a BOM (so Excel reads accents right), CRLF line ends,
 * quotes where needed, and every cell neutralised against formula injection (see `neutralise.ts`).
 */
import { neutralise } from './neutralise.ts';
import type { Delimiter } from './options.ts';

export type Quoting = 'needed' | 'all';

export interface CsvWriteOptions {
  /** Default ','. */
  delimiter?: Delimiter;
  /** 'needed' (default) quotes a cell holding the delimiter, a quote or a line break; 'all' quotes every cell. */
  quoting?: Quoting;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FLUSH_AT = 64 * 1024;

/** One CSV record (no line end), cells neutralised and quoted as needed. */
export function formatCsvRow(
  cells: readonly string[],
  delimiter: Delimiter = ',',
  quoting: Quoting = 'needed',
): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = neutralise(cells[i] ?? '');
    const quote =
      quoting === 'all' ||
      cell.includes(delimiter) ||
      cell.includes('"') ||
      cell.includes('\n') ||
      cell.includes('\r');
    if (i > 0) line += delimiter;
    line += quote ? `"${cell.replaceAll('"', '""')}"` : cell;
  }
  // A lone empty cell would be an empty line, which reads back as a blank row.
  return cells.length === 1 && line === '' ? '""' : line;
}

/** A whole CSV, streamed as UTF-8 chunks: BOM, header, then one CRLF-terminated record per row. */
export async function* writeCsv(
  header: readonly string[],
  rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>,
  options: CsvWriteOptions = {},
): AsyncGenerator<Buffer> {
  const delimiter = options.delimiter ?? ',';
  const quoting = options.quoting ?? 'needed';
  yield BOM;
  let pending = `${formatCsvRow(header, delimiter, quoting)}\r\n`;
  for await (const row of rows) {
    pending += `${formatCsvRow(row, delimiter, quoting)}\r\n`;
    if (pending.length >= FLUSH_AT) {
      yield Buffer.from(pending, 'utf8');
      pending = '';
    }
  }
  if (pending) yield Buffer.from(pending, 'utf8');
}

/** Collects a stream of chunks into one buffer (small files: templates, tests). */
export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}
