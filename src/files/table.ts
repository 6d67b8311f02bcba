/**
 * From records to a table: the header row (the first non-blank record) and the rows after it, with the
 * neutralisation apostrophe removed and blank rows flagged. Shared by the CSV and XLSX readers.
 */
import { cleanText } from '../domain/text.ts';
import type { RawRow } from './csv-reader.ts';
import { FileRefusal } from './errors.ts';
import { unneutralise } from './neutralise.ts';

/**
 * A row of the file after its header. `line` is 1-based as a spreadsheet (CSV: a text editor) shows it. A
 * blank row (every cell empty or spaces) is reported, not dropped, with `blank: true` and no cells.
 */
export interface SheetRow {
  line: number;
  cells: string[];
  blank: boolean;
}

export interface HeaderRow {
  line: number;
  cells: string[];
}

export interface TableStart {
  header: HeaderRow;
  /** The rows in the batches they were read in: what an import checks, without a turn of the loop per row. */
  batches: AsyncGenerator<SheetRow[]>;
  /** The same rows one by one (read either these or `batches`, not both). */
  rows: AsyncGenerator<SheetRow>;
}

function isBlankCell(cell: string): boolean {
  if (cell.length === 0) return true;
  const code = cell.charCodeAt(0);
  // The common case, a cell starting with a visible ASCII character, needs no regular expression.
  if (code > 0x20 && code < 0x7f) return false;
  return cleanText(cell) === '';
}

/** Checks the width of a record and prepares its cells. */
function prepare(raw: RawRow, maxColumns: number): SheetRow {
  const { cells } = raw;
  if (cells.length > maxColumns) {
    throw new FileRefusal('too_many_columns', { line: raw.line, count: cells.length, limit: maxColumns });
  }
  let blank = true;
  for (let i = 0; i < cells.length; i++) {
    let cell = cells[i]!;
    if (cell.charCodeAt(0) === 39) cells[i] = cell = unneutralise(cell);
    if (blank && !isBlankCell(cell)) blank = false;
  }
  return blank ? { line: raw.line, cells: [], blank } : { line: raw.line, cells, blank };
}

/** Reads records one at a time out of batches. */
class Cursor {
  private batch: RawRow[] = [];
  private index = 0;

  constructor(readonly batches: AsyncGenerator<RawRow[]>) {}

  async next(): Promise<RawRow | null> {
    while (this.index >= this.batch.length) {
      const n = await this.batches.next();
      if (n.done) return null;
      this.batch = n.value;
      this.index = 0;
    }
    return this.batch[this.index++]!;
  }

  /** The records not handed out yet, in batches. */
  async *rest(): AsyncGenerator<RawRow[]> {
    if (this.index < this.batch.length) yield this.batch.slice(this.index);
    yield* this.batches;
  }
}

/**
 * Finds the header and makes sure one data row follows (`empty_file`, `no_data_rows` otherwise); the rows are
 * then streamed, starting with the blank rows met while looking ahead.
 */
export async function startTable(batches: AsyncGenerator<RawRow[]>, maxColumns: number): Promise<TableStart> {
  const cursor = new Cursor(batches);
  try {
    let header: SheetRow | null = null;
    for (let raw = await cursor.next(); raw; raw = await cursor.next()) {
      header = prepare(raw, maxColumns);
      if (!header.blank) break;
    }
    if (!header || header.blank) throw new FileRefusal('empty_file');
    const blanks: number[] = [];
    let first: SheetRow | null = null;
    for (let raw = await cursor.next(); raw; raw = await cursor.next()) {
      const row = prepare(raw, maxColumns);
      if (!row.blank) {
        first = row;
        break;
      }
      blanks.push(row.line);
    }
    if (!first) {
      const refusal = new FileRefusal('no_data_rows', { line: header.line });
      refusal.header = { line: header.line, cells: header.cells };
      throw refusal;
    }
    const batches = batchesFrom(blanks, first, cursor, maxColumns);
    return { header: { line: header.line, cells: header.cells }, batches, rows: eachRow(batches) };
  } catch (error) {
    await batches.return(undefined);
    throw error;
  }
}

/**
 * The rows after the header, a batch of the reader's at a time (the first batch: the blank rows met while looking
 * ahead, and the first data row). A million rows handed over one by one cost a million turns of an async
 * generator, each with its promise and result.
 */
async function* batchesFrom(
  blanks: number[],
  first: SheetRow,
  cursor: Cursor,
  maxColumns: number,
): AsyncGenerator<SheetRow[]> {
  try {
    yield [...blanks.map((line) => ({ line, cells: [], blank: true })), first];
    for await (const batch of cursor.rest()) {
      const rows = new Array<SheetRow>(batch.length);
      for (let i = 0; i < batch.length; i++) rows[i] = prepare(batch[i]!, maxColumns);
      yield rows;
    }
  } finally {
    await cursor.batches.return(undefined);
  }
}

async function* eachRow(batches: AsyncGenerator<SheetRow[]>): AsyncGenerator<SheetRow> {
  for await (const batch of batches) yield* batch;
}
