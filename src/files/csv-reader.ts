/**
 * CSV records from decoded text: the layout is sniffed on the first 64K characters, then Papa Parse's core
 * parser runs chunk by chunk (array rows only: never `header: true` nor `dynamicTyping`). Each record carries
 * the physical line it starts on, so a quoted value spanning lines advances the count as an editor shows it.
 */
import Papa from 'papaparse';
import { BreakCounter, type CsvLayout, countBreaks, findOpenQuote, sniffLayout } from './csv-layout.ts';
import { type DecodeState, EncodingBreak, nextPending1252, settleWindows1252 } from './decode.ts';
import { FileRefusal } from './errors.ts';
import type { Delimiter } from './options.ts';

/** A record as read: its first physical line (1-based) and its cells, untouched. */
export interface RawRow {
  line: number;
  cells: string[];
}

const SAMPLE_CHARS = 64 * 1024;
const FEED_CHARS = 64 * 1024;

/** Papa's core parser fed chunk after chunk; keeps the incomplete last record for the next chunk. */
class ChunkedCsv {
  private pending = '';
  private line = 1;
  private rows: RawRow[] = [];
  private text = '';
  /** The line breaks of `text`, record after record. */
  private breaks = new BreakCounter('');
  private spanStart = 0;
  /** The character before the current record was a CR (an LF right after it is not a new line). */
  private afterCr = false;
  /** Where `text` next holds a Windows-1252 character still to put right (see decode.ts); -1 when nowhere. */
  private unsettled = -1;
  private readonly parser: Papa.Parser;

  constructor(
    private readonly layout: CsvLayout,
    private readonly maxLine: number,
    /** The text is Windows-1252 read as Latin-1 (decode.ts): records holding a byte 80 to 9F are put right. */
    private readonly readAs1252: () => boolean,
  ) {
    this.parser = new Papa.Parser({
      delimiter: layout.delimiter,
      newline: layout.newline,
      quoteChar: '"',
      escapeChar: '"',
      step: (results: Papa.ParseStepResult<string[][]>) => this.onRecord(results),
    });
  }

  private onRecord(results: Papa.ParseStepResult<string[][]>): void {
    const end = results.meta.cursor;
    for (const error of results.errors) {
      if (error.code === 'MissingQuotes') throw this.unterminated(this.text.slice(this.spanStart));
      if (error.code === 'InvalidQuotes') throw new FileRefusal('malformed_quote', { line: this.line });
    }
    if (end - this.spanStart > this.maxLine) {
      throw new FileRefusal('line_too_long', { line: this.line, limit: this.maxLine });
    }
    let cells = results.data[0] ?? [];
    if (this.unsettled >= 0 && this.unsettled < end) {
      // Only these records' cells: the others keep Latin-1's one byte per character in memory.
      cells = cells.map(settleWindows1252);
      this.unsettled = nextPending1252(this.text, end);
    }
    this.rows.push({ line: this.line, cells });
    this.line += this.breaks.count(this.spanStart, end, this.afterCr);
    if (end > this.spanStart) this.afterCr = this.text.charCodeAt(end - 1) === 13;
    this.spanStart = end;
  }

  private unterminated(record: string): FileRefusal {
    const quote = findOpenQuote(record, this.layout.delimiter);
    return new FileRefusal('unterminated_quote', {
      line: this.line + countBreaks(record, 0, Math.max(0, quote), this.afterCr),
    });
  }

  private run(text: string, final: boolean): RawRow[] {
    this.text = text;
    this.breaks = new BreakCounter(text);
    this.spanStart = 0;
    this.rows = [];
    this.unsettled = this.readAs1252() ? nextPending1252(text, 0) : -1;
    this.parser.parse(text, 0, !final);
    this.pending = text.slice(this.spanStart);
    return this.rows;
  }

  /** The records a chunk completes. */
  feed(chunk: string): RawRow[] {
    const rows = this.run(this.pending + chunk, false);
    if (this.pending.length > this.maxLine) {
      const quote = findOpenQuote(this.pending, this.layout.delimiter);
      if (quote >= 0 && countBreaks(this.pending, quote, this.pending.length) > 0) {
        throw this.unterminated(this.pending);
      }
      throw new FileRefusal('line_too_long', { line: this.line, limit: this.maxLine });
    }
    return rows;
  }

  /** The last record, when the file does not end with a line break. */
  finish(): RawRow[] {
    let rest = this.pending;
    if (rest === '') return [];
    // A CRLF file whose very last line end lost its LF.
    if (
      this.layout.newline === '\r\n' &&
      rest.endsWith('\r') &&
      findOpenQuote(rest, this.layout.delimiter) < 0
    ) {
      rest = rest.slice(0, -1);
    }
    return this.run(rest, true);
  }

  /** The refusal for text that stops being valid in its encoding right after what was fed. */
  encodingBreak(code: EncodingBreak['code']): FileRefusal {
    return new FileRefusal(code, {
      line: this.line + countBreaks(this.pending, 0, this.pending.length, this.afterCr),
    });
  }
}

/** Where the reader reports the layout it sniffed, as soon as it knows it. */
export interface CsvInfo {
  layout: CsvLayout | null;
}

type Next = { text: string } | { done: true } | { broken: EncodingBreak['code'] };

async function nextText(it: AsyncIterator<string>): Promise<Next> {
  try {
    const n = await it.next();
    return n.done ? { done: true } : { text: n.value };
  } catch (error) {
    if (error instanceof EncodingBreak) return { broken: error.code };
    throw error;
  }
}

/**
 * Feeds decoded text a piece at a time, so that a batch holds a bounded number of records: a megabyte of empty
 * lines is half a million records, which in one batch would hold a hundred megabytes at once.
 */
function* feedInPieces(csv: ChunkedCsv, text: string): Generator<RawRow[]> {
  for (let i = 0; i < text.length; i += FEED_CHARS) yield csv.feed(text.slice(i, i + FEED_CHARS));
}

/** Streams the records of decoded CSV text, in batches; refusals are thrown as `FileRefusal`. */
export async function* csvRecords(
  texts: AsyncIterable<string>,
  info: CsvInfo,
  limits: { maxLineBytes: number; delimiter?: Delimiter | undefined },
  decoding: DecodeState,
): AsyncGenerator<RawRow[]> {
  const it = texts[Symbol.asyncIterator]();
  try {
    let sample = '';
    let next: Next = { text: '' };
    while (sample.length < SAMPLE_CHARS) {
      next = await nextText(it);
      if (!('text' in next)) break;
      sample += next.text;
    }
    const layout = sniffLayout(sample, 'done' in next, limits.delimiter);
    info.layout = layout;
    const csv = new ChunkedCsv(layout, limits.maxLineBytes, () => decoding.encoding === 'windows-1252');
    yield* feedInPieces(csv, sample);
    while ('text' in next) {
      next = await nextText(it);
      if ('text' in next) yield* feedInPieces(csv, next.text);
    }
    if ('broken' in next) throw csv.encodingBreak(next.broken);
    yield csv.finish();
  } finally {
    await it.return?.();
  }
}
