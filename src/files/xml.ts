/**
 * XML parts of an XLSX as text and as SAX events. Every part is refused if it contains `<!DOCTYPE`: a DTD
 * is how entity expansion (billion laughs) and external entities get in, and no sound workbook needs one.
 */
import { StringDecoder } from 'node:string_decoder';
import parseSax, { type SaxEvent } from 'exceljs/lib/utils/parse-sax.js';
import { FileRefusal } from './errors.ts';
import { firstLoneSurrogate } from './utf8.ts';
import { type InflateBudget, inflateEntry, type ZipBytes, type ZipEntry } from './zip.ts';

export type { SaxEvent, SaxNode } from 'exceljs/lib/utils/parse-sax.js';

const DOCTYPE = /<!doctype/i;

/** The text of one XML part, inflated under the budget, checked for a DOCTYPE across chunk boundaries. */
export async function* xmlText(
  zip: ZipBytes,
  entry: ZipEntry,
  budget: InflateBudget,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let tail = '';
  let first = true;
  // The chunk itself, then the seam with the previous one (its last 8 characters and this one's first 8): joining
  // whole chunks to test them made a copy of every part's text.
  const check = (text: string) => {
    if (DOCTYPE.test(text) || DOCTYPE.test(tail + text.slice(0, 8))) {
      throw new FileRefusal('xlsx_doctype_refused');
    }
    tail = text.length >= 8 ? text.slice(-8) : (tail + text).slice(-8);
  };
  for await (const chunk of inflateEntry(zip, entry, budget)) {
    let text = decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    check(text);
    if (text) yield text;
  }
  const rest = decoder.end();
  check(rest);
  if (rest) yield rest;
}

/** SAX events of XML text, in batches; malformed or truncated XML is `invalid_xlsx`. */
export async function* saxEvents(texts: AsyncIterable<string>): AsyncGenerator<SaxEvent[]> {
  const events = parseSax(texts);
  // The parser is never told the text ended, so an unclosed root element is caught here.
  let depth = 0;
  let elements = 0;
  try {
    for (;;) {
      let next: IteratorResult<SaxEvent[]>;
      try {
        next = await events.next();
      } catch (error) {
        if (error instanceof FileRefusal) throw error;
        throw new FileRefusal('invalid_xlsx');
      }
      if (next.done) break;
      for (const e of next.value) {
        if (e.eventType === 'opentag') {
          depth++;
          elements++;
        } else if (e.eventType === 'closetag') depth--;
      }
      yield next.value;
    }
    if (depth !== 0 || elements === 0) throw new FileRefusal('invalid_xlsx');
  } finally {
    await events.return(undefined);
  }
}

/** An element's name without its namespace prefix (`x:c` -> `c`): some writers prefix every element. */
export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * Decodes OOXML's `_xHHHH_` escapes (how Excel stores control characters such as CR in strings). An escape can
 * spell what no text may hold and no spreadsheet writes, a NUL (PostgreSQL refuses it) or half of a surrogate
 * pair: such a workbook is refused as damaged.
 */
export function decodeXString(text: string): string {
  if (!text.includes('_x')) return text;
  const decoded = text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  if (decoded.includes('\u0000') || firstLoneSurrogate(decoded) >= 0) throw new FileRefusal('invalid_xlsx');
  return decoded;
}

/** True for the characters XML text cannot carry as they are (CR would be read back as LF). */
function needsXEscape(code: number): boolean {
  return (code < 0x20 && code !== 0x09 && code !== 0x0a) || code === 0xfffe || code === 0xffff;
}

/** Escapes what XML text cannot carry as is (control characters, CR) and literal `_xHHHH_` sequences. */
export function encodeXString(text: string): string {
  let out = text.includes('_x') ? text.replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1') : text;
  let escaped = '';
  let from = 0;
  for (let i = 0; i < out.length; i++) {
    const code = out.charCodeAt(i);
    if (!needsXEscape(code)) continue;
    escaped += `${out.slice(from, i)}_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
    from = i + 1;
  }
  if (from > 0) out = escaped + out.slice(from);
  return out;
}

/** Runs a handler over every SAX event of a part. */
export async function eachEvent(
  texts: AsyncIterable<string>,
  handle: (event: SaxEvent) => void,
): Promise<void> {
  for await (const batch of saxEvents(texts)) {
    for (const event of batch) handle(event);
  }
}
