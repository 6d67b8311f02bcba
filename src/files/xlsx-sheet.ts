/**
 * The rows of one worksheet part, streamed from its SAX events. Cells become the text a person sees; rows
 * absent from the XML between two present ones are reported as blank rows, so line numbers and blank counts
 * match what Excel shows. Cells without a value (formatting only) are skipped and trailing empty cells dropped.
 */
import type { RawRow } from './csv-reader.ts';
import { FileRefusal } from './errors.ts';
import type { SharedStrings } from './shared-strings.ts';
import { formatNumber, isoCellDate } from './xlsx-cells.ts';
import { decodeXString, localName, type SaxEvent, saxEvents } from './xml.ts';

export interface SheetContext {
  sharedStrings: SharedStrings;
  numberFormat: (style: number) => string | undefined;
  date1904: boolean;
  maxColumns: number;
}

interface CellState {
  col: number;
  type: string;
  style: number;
  value: string;
  inline: string;
  hasValue: boolean;
}

/** Column number (1-based) of a cell reference such as "AB12". */
export function columnOfRef(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

/** The text a cell shows, from its type attribute and raw content. */
function cellText(cell: CellState, ctx: SheetContext): string {
  const v = cell.value;
  switch (cell.type) {
    case 's':
      return ctx.sharedStrings.get(Number.parseInt(v, 10));
    case 'inlineStr':
      return decodeXString(cell.inline);
    case 'str':
      return decodeXString(v);
    case 'b':
      return v === '' ? '' : v === '1' || v.toLowerCase() === 'true' ? 'TRUE' : 'FALSE';
    case 'e':
      return v;
    case 'd':
      return isoCellDate(v);
    default: {
      if (cell.inline !== '') return decodeXString(cell.inline);
      if (v.trim() === '') return '';
      const n = Number(v);
      return Number.isNaN(n) ? v : formatNumber(n, ctx.numberFormat(cell.style), ctx.date1904);
    }
  }
}

const BATCH_ROWS = 10_000;

/** SAX state of a worksheet; completed rows accumulate in `out` and are taken batch by batch. */
class SheetParser {
  out: RawRow[] = [];
  /**
   * The row just closed when rows are missing before it: the blank rows of the gap are made batch by batch in
   * `drain`, not all at once (a row 1,048,576 after row 1 would be a million rows in one array).
   */
  gap: { next: number; row: RawRow } | null = null;
  private inData = false;
  private row: string[] | null = null;
  private rowNumber = 0;
  private lastRow = 0;
  private lastCol = 0;
  private cell: CellState | null = null;
  private inV = false;
  private inT = false;
  private inPhonetic = false;

  constructor(private readonly ctx: SheetContext) {}

  handle(e: SaxEvent): void {
    if (e.eventType === 'text') {
      if (this.inV && this.cell) this.cell.value += e.value;
      else if (this.inT && this.cell) this.cell.inline += e.value;
      return;
    }
    const name = localName(e.value.name);
    if (e.eventType === 'opentag') this.open(name, e.value.attributes);
    else this.close(name);
  }

  private open(name: string, attributes: Record<string, string>): void {
    if (name === 'sheetData') this.inData = true;
    else if (name === 'row' && this.inData) {
      const r = attributes.r ? Number.parseInt(attributes.r, 10) : this.lastRow + 1;
      if (!(r > this.lastRow) || r > 1_048_576) throw new FileRefusal('invalid_xlsx');
      this.rowNumber = r;
      this.row = [];
      this.lastCol = 0;
    } else if (name === 'c' && this.row) {
      const col = attributes.r ? columnOfRef(attributes.r) : this.lastCol + 1;
      const style = attributes.s ? Number.parseInt(attributes.s, 10) : 0;
      this.cell = { col, type: attributes.t ?? 'n', style, value: '', inline: '', hasValue: false };
      this.lastCol = col;
    } else if (this.cell) {
      if (name === 'v') this.inV = this.cell.hasValue = true;
      else if (name === 'is') this.cell.hasValue = true;
      else if (name === 'rPh') this.inPhonetic = true;
      else if (name === 't' && !this.inPhonetic) this.inT = true;
    }
  }

  private close(name: string): void {
    if (name === 'v') this.inV = false;
    else if (name === 't') this.inT = false;
    else if (name === 'rPh') this.inPhonetic = false;
    else if (name === 'c') this.closeCell();
    else if (name === 'row' && this.row) this.closeRow(this.row);
    else if (name === 'sheetData') this.inData = false;
  }

  private closeCell(): void {
    const cell = this.cell;
    this.cell = null;
    if (!cell?.hasValue || !this.row) return;
    const text = cellText(cell, this.ctx);
    if (text === '') return;
    if (cell.col < 1 || cell.col > this.ctx.maxColumns) {
      const limit = this.ctx.maxColumns;
      throw new FileRefusal('too_many_columns', { line: this.rowNumber, count: cell.col, limit });
    }
    this.row[cell.col - 1] = text;
  }

  private closeRow(cells: string[]): void {
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = '';
    const row = { line: this.rowNumber, cells };
    if (this.rowNumber > this.lastRow + 1) this.gap = { next: this.lastRow + 1, row };
    else this.out.push(row);
    this.lastRow = this.rowNumber;
    this.row = null;
  }

  /** True when rows wait to be taken before the next event is handled. */
  get ready(): boolean {
    return this.gap !== null || this.out.length >= BATCH_ROWS;
  }

  /** Takes the rows waiting, gaps filled with blank rows, in full batches; a partial batch stays in `out`. */
  *drain(): Generator<RawRow[]> {
    for (;;) {
      const gap = this.gap;
      if (gap) {
        while (gap.next < gap.row.line && this.out.length < BATCH_ROWS) {
          this.out.push({ line: gap.next++, cells: [] });
        }
        if (gap.next === gap.row.line) {
          this.out.push(gap.row);
          this.gap = null;
        }
      }
      if (this.out.length < BATCH_ROWS) return;
      yield this.out;
      this.out = [];
    }
  }
}

/** The rows of a worksheet part, in batches. */
export async function* sheetRows(texts: AsyncIterable<string>, ctx: SheetContext): AsyncGenerator<RawRow[]> {
  const parser = new SheetParser(ctx);
  for await (const events of saxEvents(texts)) {
    for (const e of events) {
      parser.handle(e);
      if (parser.ready) yield* parser.drain();
    }
    if (parser.out.length > 0) {
      yield parser.out;
      parser.out = [];
    }
  }
}
