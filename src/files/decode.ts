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
 * bytes Windows-1252 leaves undefined (81, 8D, 8F, 90, 9D; iconv-lite would turn them into U+FFFD and the
 * import would store that) and UTF-16 surrogates without their other half (no database column can hold them).
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
  let decoder = state.encoding === 'utf-8' ? null : iconv.getDecoder(state.encoding, { stripBOM: false });
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
    // Windows-1252 text holds U+FFFD only where a byte had no character; UTF-16 keeps whatever it is given.
    const bad = encoding === 'windows-1252' ? text.indexOf('\ufffd') : firstLoneSurrogate(text);
    if (bad < 0) {
      if (text) yield text;
      return;
    }
    if (bad > 0) yield text.slice(0, bad);
    throw new EncodingBreak('unreadable_bytes');
  }
}

/** UTF-8 with the ASCII-then-Windows-1252 fallback and the mixed-encoding break. */
class Utf8Decoder {
  private carry: Buffer = Buffer.alloc(0);
  private asciiSoFar = true;
  private fallback: iconv.DecoderStream | null = null;

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
    this.fallback = iconv.getDecoder('windows-1252', { stripBOM: false });
    this.carry = Buffer.alloc(0);
    const text = this.fallback.write(data);
    if (text) yield text;
  }

  /** The Windows-1252 decoder to use from now on, once the fallback happened. */
  handOver(): iconv.DecoderStream {
    if (!this.fallback) throw new Error('no fallback decoder');
    return this.fallback;
  }

  end(): string {
    if (this.carry.length === 0) return '';
    // A multi-byte sequence cut by the end of the file.
    if (!this.asciiSoFar) throw new EncodingBreak();
    this.state.encoding = 'windows-1252';
    return iconv.decode(this.carry, 'windows-1252');
  }
}
