/**
 * The layout of a CSV: delimiter and line end, sniffed from a sample with quotes taken into account (a
 * delimiter inside a quoted value does not count), and the line arithmetic of the reader.
 */
import { DELIMITERS, type Delimiter } from './options.ts';

export type Newline = '\r\n' | '\n' | '\r';

export interface CsvLayout {
  delimiter: Delimiter;
  newline: Newline;
}

const MAX_SAMPLE_RECORDS = 500;

interface SampleScan {
  /** Delimiters outside quotes, per record (the last record is left out when the sample is cut). */
  counts: number[];
  crlf: number;
  lf: number;
  cr: number;
}

function scanSample(text: string, delimiter: string, complete: boolean): SampleScan {
  const scan: SampleScan = { counts: [], crlf: 0, lf: 0, cr: 0 };
  let inQuotes = false;
  let fieldStart = true;
  let count = 0;
  let content = false;
  for (let i = 0; i < text.length && scan.counts.length < MAX_SAMPLE_RECORDS; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else inQuotes = false;
      }
    } else if (ch === '"' && fieldStart) {
      inQuotes = true;
      content = true;
      fieldStart = false;
    } else if (ch === delimiter) {
      count++;
      content = true;
      fieldStart = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') {
        scan.crlf++;
        i++;
      } else if (ch === '\r') scan.cr++;
      else scan.lf++;
      if (content) scan.counts.push(count);
      count = 0;
      content = false;
      fieldStart = true;
    } else {
      fieldStart = false;
      if (ch !== ' ') content = true;
    }
  }
  if (complete && content && !inQuotes) scan.counts.push(count);
  return scan;
}

function mode(counts: number[]): number {
  const freq = new Map<number, number>();
  let best = 0;
  let bestFreq = 0;
  for (const c of counts) {
    const f = (freq.get(c) ?? 0) + 1;
    freq.set(c, f);
    if (f > bestFreq || (f === bestFreq && c > best)) {
      best = c;
      bestFreq = f;
    }
  }
  return best;
}

/**
 * Picks the delimiter that splits the sample's records most consistently (the share of records with the
 * usual count of it), then the one giving more columns, then the first of `DELIMITERS`; ',' for a file of one
 * column. `complete` says the sample is the whole file (else its last record may be cut and is left out).
 */
export function sniffLayout(sample: string, complete: boolean, forced?: Delimiter): CsvLayout {
  let best: { delimiter: Delimiter; consistency: number; columns: number; scan: SampleScan } | null = null;
  for (const delimiter of forced ? [forced] : DELIMITERS) {
    const scan = scanSample(sample, delimiter, complete);
    const columns = mode(scan.counts);
    if (columns === 0 && !forced) continue;
    const consistency = scan.counts.filter((c) => c === columns).length / Math.max(1, scan.counts.length);
    if (
      !best ||
      consistency > best.consistency ||
      (consistency === best.consistency && columns > best.columns)
    ) {
      best = { delimiter, consistency, columns, scan };
    }
  }
  const scan = best?.scan ?? scanSample(sample, ',', complete);
  return { delimiter: best?.delimiter ?? ',', newline: majorityNewline(scan) };
}

function majorityNewline({ crlf, lf, cr }: SampleScan): Newline {
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}

/**
 * Physical line breaks (CRLF, LF or CR, as a text editor counts them) in text[start, end). A CRLF counts at its
 * CR, so a span that ends between the two (a CR-delimited file with a stray CRLF) has already moved to the next
 * line; `crBefore` says the character before `start` was a CR (the LF after it is then not a new break).
 */
export function countBreaks(
  text: string,
  start: number,
  end: number,
  crBefore = start > 0 && text.charCodeAt(start - 1) === 13,
): number {
  let n = 0;
  let afterCr = crBefore;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) n++;
    else if (c === 10 && !afterCr) n++;
    afterCr = c === 13;
  }
  return n;
}

/**
 * countBreaks over consecutive spans of one text (the records of a chunk, in order), with the next CR and LF found
 * by the engine's own search and kept from one span to the next. A reader counts every record's lines, and the
 * loop above went through each of its characters: about 0.6 s of a million-line file's reading, against 0.1 s
 * (docs/performance.md). Each position is searched for once per text, so the cost stays linear however the
 * records fall; a span must start where the one before ended, or later.
 */
export class BreakCounter {
  /** The next CR and LF at or after the last span's start; -1 when the text holds no more. */
  private cr = -2;
  private lf = -2;

  constructor(private readonly text: string) {}

  /** As countBreaks(text, start, end, crBefore). */
  count(start: number, end: number, crBefore: boolean): number {
    const text = this.text;
    if (this.cr !== -1 && this.cr < start) this.cr = text.indexOf('\r', start);
    if (this.lf !== -1 && this.lf < start) this.lf = text.indexOf('\n', start);
    let n = 0;
    for (;;) {
      const cr = this.cr === -1 ? Number.POSITIVE_INFINITY : this.cr;
      const lf = this.lf === -1 ? Number.POSITIVE_INFINITY : this.lf;
      if (cr >= end && lf >= end) return n;
      if (cr < lf) {
        n++;
        this.cr = text.indexOf('\r', cr + 1);
      } else {
        // An LF right after a CR is the end of a CRLF, counted at its CR.
        if (!(lf === start ? crBefore : text.charCodeAt(lf - 1) === 13)) n++;
        this.lf = text.indexOf('\n', lf + 1);
      }
    }
  }
}

/** Where the quoted value left open at the end of `text` starts, or -1 when every quote is closed. */
export function findOpenQuote(text: string, delimiter: string): number {
  let open = -1;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (open >= 0) {
      if (ch === '"') {
        if (text[i + 1] === '"') i++;
        else open = -1;
      }
      continue;
    }
    if (ch === '"' && fieldStart) open = i;
    fieldStart = ch === delimiter || ch === '\r' || ch === '\n';
  }
  return open;
}
