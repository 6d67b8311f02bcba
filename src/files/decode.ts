/**
 * Bytes to text, streamed. Encodings other than UTF-8 go through iconv-lite's streaming decoders.
 *
 * Mixed encodings: a file detected as UTF-8 whose bytes stop being valid UTF-8 further on is handled thus:
 * when everything before was plain ASCII, the file was in fact Windows-1252 with its first accent late (ASCII
 * reads the same in both), so decoding silently switches to Windows-1252 and `state.encoding` says so; when
 * real UTF-8 accents came before, the file mixes two encodings and no decoding is right for all of it: the
 * reader throws `EncodingBreak`, which the CSV reader turns into a `mixed_encoding` refusal naming the line.
 *
 * Bytes that are text in no encoding the file may be in break the same way, as `unreadable_bytes`: the five
 * bytes Windows-1252 leaves undefined (81, 8D, 8F, 90, 9D) and UTF-16 surrogates without their other half (no
 * database column can hold them).
 *
 * Windows-1252 is read as Latin-1, natively, which it is but for the bytes 80 to 9F: those stay characters
 * U+0080 to U+009F, each standing for its Windows-1252 character (€, ’, œ...) until the reader of the text puts it
 * right (`settleWindows1252`, applied by the CSV reader to the cells of the records that hold one). Why: iconv-lite
 * decodes through UTF-16, and its text, with every cell, key and parameter made from it, took two bytes per
 * character in memory; read as Latin-1 they take one, and only the cells holding one of those characters take
 * two. Alternated million-line previews of the bench's file (a ’ in one line of four): 17.1 s → 16.0 s on average,
 * peak memory 5 to 15 MiB less (docs/performance.md).
 */
import { isAscii, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { FileRefusal } from './errors.ts';
import type { TextEncoding } from './options.ts';
import { completeUtf8Length, firstInvalidUtf8, firstLoneSurrogate, firstNonAscii } from './utf8.ts';

/** Thrown after the last valid text when the bytes stop being text (see the module comment). */
export class EncodingBreak extends Error {
  constructor(readonly code: 'mixed_encoding' | 'unreadable_bytes' = 'mixed_encoding') {
    super(code === 'mixed_encoding' ? 'invalid UTF-8 after UTF-8 text' : 'bytes that are not text');
    this.name = 'EncodingBreak';
  }
}

/** The encoding being decoded; it changes once at most, from 'utf-8' to 'windows-1252'. */
export interface DecodeState {
  encoding: TextEncoding;
}

const binary = () => new FileRefusal('not_a_spreadsheet', { detected: 'binary' });

/** Decodes a byte stream, skipping the first `skip` bytes (the BOM). */
export async function* decodeChunks(
  chunks: AsyncIterable<Uint8Array>,
  state: DecodeState,
  skip: number,
): AsyncGenerator<string> {
  let toSkip = skip;
  const utf8 = new Utf8Decoder(state);
  const checked = new CheckedText();
  let decoder: TextDecoding | null =
    state.encoding === 'utf-8'
      ? null
      : state.encoding === 'windows-1252'
        ? LATIN1
        : iconv.getDecoder(state.encoding, { stripBOM: false });
  for await (const raw of chunks) {
    let chunk = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    if (toSkip > 0) {
      const cut = Math.min(toSkip, chunk.length);
      chunk = chunk.subarray(cut);
      toSkip -= cut;
    }
    if (chunk.length === 0) continue;
    if (decoder) {
      const text = decoder.write(chunk);
      if (text.includes('\u0000')) throw binary();
      yield* checked.pass(text, state.encoding);
      continue;
    }
    if (chunk.includes(0)) throw binary();
    // Once the decoder has fallen back to Windows-1252, its text is checked like any Windows-1252 text.
    for (const text of utf8.write(chunk)) yield* checked.pass(text, state.encoding);
    if (state.encoding !== 'utf-8') decoder = utf8.handOver();
  }
  const rest = decoder ? (decoder.end() ?? '') : utf8.end();
  yield* checked.pass(rest, state.encoding, true);
}

/**
 * Passes decoded text on up to the first character that stands for bytes which are not text (see the module
 * comment), then breaks. A high surrogate ending a chunk is held back until the next one: iconv-lite's UTF-16 BE
 * decoder does not keep a pair together across chunks.
 */
class CheckedText {
  private held = '';

  *pass(chunk: string, encoding: TextEncoding, final = false): Generator<string> {
    let text = this.held + chunk;
    this.held = '';
    if (encoding === 'utf-8') {
      if (text) yield text;
      return;
    }
    const last = text.charCodeAt(text.length - 1);
    if (!final && last >= 0xd800 && last <= 0xdbff) {
      this.held = text.slice(-1);
      text = text.slice(0, -1);
    }
    // Windows-1252 read as Latin-1 holds U+0081, U+008D... where a byte has no character; UTF-16 keeps whatever
    // it is given.
    const bad = encoding === 'windows-1252' ? text.search(UNDEFINED_1252) : firstLoneSurrogate(text);
    if (bad < 0) {
      if (text) yield text;
      return;
    }
    if (bad > 0) yield text.slice(0, bad);
    throw new EncodingBreak('unreadable_bytes');
  }
}

/** What turns a file's bytes into text, chunk after chunk (iconv-lite's decoders, or Latin-1). */
interface TextDecoding {
  write(chunk: Buffer): string;
  end(): string | undefined;
}

/** Windows-1252 read as Latin-1 (see the module comment): one byte, one character, no state between chunks. */
const LATIN1: TextDecoding = {
  write: (chunk) => chunk.toString('latin1'),
  end: () => '',
};

/** The bytes Windows-1252 leaves without a character, as Latin-1 reads them. */
const UNDEFINED_1252 = /[\u0081\u008d\u008f\u0090\u009d]/;

const PENDING_1252 = /[\u0080-\u009f]/g;
const HOLDS_1252 = /[\u0080-\u009f]/;

/** The Windows-1252 character of each byte 80 to 9F, from iconv-lite's table (U+FFFD for the five undefined). */
const CHARS_1252 = iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'windows-1252');

/**
 * Where Windows-1252 text read as Latin-1 next holds a character standing for a byte 80 to 9F, from `from` on;
 * -1 when it holds none.
 */
export function nextPending1252(text: string, from: number): number {
  PENDING_1252.lastIndex = from;
  return PENDING_1252.exec(text)?.index ?? -1;
}

/** Windows-1252 text read as Latin-1 with its characters 80 to 9F put right (the same string when it has none). */
export function settleWindows1252(text: string): string {
  // Tested first: most cells of a record holding one hold none, and a test costs a third of a replacement.
  return HOLDS_1252.test(text)
    ? text.replace(PENDING_1252, (c) => CHARS_1252.charAt(c.charCodeAt(0) - 0x80))
    : text;
}

/** UTF-8 with the ASCII-then-Windows-1252 fallback and the mixed-encoding break. */
class Utf8Decoder {
  private carry: Buffer = Buffer.alloc(0);
  private asciiSoFar = true;
  private fallback: TextDecoding | null = null;

  constructor(private readonly state: DecodeState) {}

  *write(chunk: Buffer): Generator<string> {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = completeUtf8Length(data);
    this.carry = Buffer.from(data.subarray(cut));
    const body = data.subarray(0, cut);
    if (this.asciiSoFar && isAscii(body)) {
      yield body.toString('latin1');
      return;
    }
    if (isUtf8(body)) {
      this.asciiSoFar = false;
      yield body.toString('utf8');
      return;
    }
    const invalid = firstInvalidUtf8(body);
    if (this.asciiSoFar && invalid === firstNonAscii(body)) {
      yield* this.switchTo1252(data);
      return;
    }
    if (invalid > 0) yield body.subarray(0, invalid).toString('utf8');
    throw new EncodingBreak();
  }

  private *switchTo1252(data: Buffer): Generator<string> {
    this.state.encoding = 'windows-1252';
    this.fallback = LATIN1;
    this.carry = Buffer.alloc(0);
    const text = this.fallback.write(data);
    if (text) yield text;
  }

  /** The Windows-1252 decoder to use from now on, once the fallback happened. */
  handOver(): TextDecoding {
    if (!this.fallback) throw new Error('no fallback decoder');
    return this.fallback;
  }

  end(): string {
    if (this.carry.length === 0) return '';
    // A multi-byte sequence cut by the end of the file.
    if (!this.asciiSoFar) throw new EncodingBreak();
    this.state.encoding = 'windows-1252';
    return LATIN1.write(this.carry);
  }
}
