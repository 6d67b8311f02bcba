import type { ImportKind } from '../../domain/import-plan/types.ts';
import type { LineError } from '../../domain/lines/types.ts';
import { extraCellsError, type ValidLine, validateLine } from './line-plan.ts';

/** Lines planned and written together: large enough for set-based writes, small enough to bound memory. */
export const BATCH_LINES = 2000;

/**
 * A preview's batches: half an apply's. A preview is bound by this process's thread. The batches in flight (one
 * being checked, one being read, one being written) are most of what outlives a young-generation collection, and
 * copying them, on this thread and V8's helper threads, took about a quarter of a preview's processor time;
 * the helpers also took the processor this thread was waiting for. Halved, alternated million-line previews took
 * 13.2 / 12.7 / 14.3 / 14.0 s against 14.5 / 16.5 / 14.3 / 15.9 s, the helpers' CPU 2.1 against 3.0 s, and
 * PostgreSQL's time within the spread for twice the statements. An apply, bound by PostgreSQL's backend, keeps the
 * larger batches and their fewer statements (docs/performance.md).
 */
export const PREVIEW_BATCH_LINES = 1000;

/** Lines validated between two turns of the event loop (a few milliseconds of work). */
const YIELD_EVERY_LINES = 200;

/** One row of the file after its header (blank rows included, flagged). */
export interface InputRow {
  line: number;
  cells: string[];
  blank: boolean;
}

/** A refused line, ready to be stored. */
export interface RefusedLine {
  line: number;
  cells: string[];
  errors: LineError[];
}

/** What checking a line on its own needs to know. */
export interface CheckInput {
  kind: ImportKind;
  /** For each file column, the field it feeds, or null when ignored. */
  mapping: (string | null)[];
  defaultCountry: string;
}

/** A batch of the file's lines checked on their own (no record needed): blank, valid or refused. */
export interface CheckedBatch {
  /** Lines of the file in the batch, blank ones included. */
  lines: number;
  blank: number;
  refused: RefusedLine[];
  valid: ValidLine[];
}

function mapCells(mapping: (string | null)[], cells: string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (let i = 0; i < mapping.length; i++) {
    const field = mapping[i];
    if (field) raw[field] = cells[i] ?? '';
  }
  return raw;
}

function checkRow(input: CheckInput, row: InputRow, batch: CheckedBatch): void {
  if (row.blank) {
    batch.blank++;
    return;
  }
  const extra = extraCellsError(row.cells, input.mapping.length);
  if (extra) {
    batch.refused.push({ line: row.line, cells: row.cells, errors: [extra] });
    return;
  }
  const r = validateLine(
    input.kind,
    row.line,
    row.cells,
    mapCells(input.mapping, row.cells),
    input.defaultCountry,
  );
  if (r.ok) batch.valid.push(r.line);
  else batch.refused.push({ line: row.line, cells: row.cells, errors: r.errors });
}

/**
 * The file's rows checked in batches of `batchLines` (BATCH_LINES, or PREVIEW_BATCH_LINES for a preview), in this
 * thread. Each batch is checked when asked for, and gives way to the event loop every few hundred lines: the
 * engine's statements are sent when the one before them answers, and a long stretch of validation would hold them
 * back. The rows come in the reader's batches (see batchesFrom in files/table.ts), their size unrelated to these.
 */
export async function* checkedBatches(
  input: CheckInput,
  reads: AsyncIterable<InputRow[]>,
  batchLines: number,
): AsyncGenerator<CheckedBatch> {
  let batch: CheckedBatch = { lines: 0, blank: 0, refused: [], valid: [] };
  for await (const read of reads) {
    for (const row of read) {
      checkRow(input, row, batch);
      batch.lines++;
      if (batch.lines % YIELD_EVERY_LINES === 0) await new Promise((r) => setImmediate(r));
      if (batch.lines >= batchLines) {
        yield batch;
        batch = { lines: 0, blank: 0, refused: [], valid: [] };
      }
    }
  }
  if (batch.lines > 0) yield batch;
}
