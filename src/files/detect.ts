/**
 * What a file is, decided from its first bytes and then its name: content wins over the extension (a PDF
 * renamed .csv is refused as a PDF; an .xlsx renamed .csv is read as the workbook it is).
 */
import { isUtf8 } from 'node:buffer';
import { FileRefusal } from './errors.ts';
import type { TextEncoding } from './options.ts';
import { completeUtf8Length, firstInvalidUtf8, multiByteSequences } from './utf8.ts';

export type Sniffed = { format: 'xlsx' } | { format: 'csv'; encoding: TextEncoding; bomLength: number };

const TEXT_EXTENSIONS = new Set(['csv', 'txt', 'tsv']);

const MAGIC: readonly [string, readonly number[]][] = [
  ['PDF', [0x25, 0x50, 0x44, 0x46]],
  ['PNG', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG', [0xff, 0xd8, 0xff]],
  ['GIF', [0x47, 0x49, 0x46, 0x38]],
  ['GZIP', [0x1f, 0x8b]],
  ['RAR', [0x52, 0x61, 0x72, 0x21]],
  ['7z', [0x37, 0x7a, 0xbc, 0xaf]],
  ['RTF', [0x7b, 0x5c, 0x72, 0x74, 0x66]],
];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

/** The lower-cased extension of a file name, without the dot ('' when there is none). */
export function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** Decides the format (and, for text, the encoding) of a file from its first bytes and its name. */
export function sniffFile(sample: Uint8Array, fileName: string, forced?: TextEncoding): Sniffed {
  const ext = extensionOf(fileName);
  if (sample.length === 0) throw new FileRefusal('empty_file');
  if (startsWith(sample, OLE2)) throw new FileRefusal(compoundFileKind(sample, ext));
  if (startsWith(sample, ZIP) || startsWith(sample, EMPTY_ZIP)) return { format: 'xlsx' };
  for (const [name, magic] of MAGIC) {
    if (startsWith(sample, magic)) throw new FileRefusal('not_a_spreadsheet', { detected: name });
  }
  const markup = markupKind(sample);
  if (markup) throw new FileRefusal('not_a_spreadsheet', { detected: markup });
  if (ext === 'xlsx') throw new FileRefusal('invalid_xlsx');
  if (!TEXT_EXTENSIONS.has(ext))
    throw new FileRefusal('unsupported_extension', { extension: ext ? `.${ext}` : '' });
  const { encoding, bomLength } = detectEncoding(sample);
  const chosen = forced ?? encoding;
  if (looksBinary(sample.subarray(bomLength), chosen)) {
    throw new FileRefusal('not_a_spreadsheet', { detected: 'binary' });
  }
  return { format: 'csv', encoding: chosen, bomLength: forced && forced !== encoding ? 0 : bomLength };
}

/**
 * An OLE2 compound file is a legacy .xls (a "Workbook" stream, "Book" for Excel 5) or a password-protected
 * .xlsx (an "EncryptedPackage" stream), whatever its name: people rename an old .xls to .xlsx. Its directory
 * names the streams in UTF-16; when the directory lies past the sample, the extension is the best guess left.
 */
function compoundFileKind(sample: Uint8Array, ext: string): 'xlsx_encrypted' | 'legacy_xls' {
  const bytes = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
  const has = (stream: string) => bytes.includes(Buffer.from(stream, 'utf16le'));
  if (has('EncryptedPackage')) return 'xlsx_encrypted';
  if (has('Workbook') || has('Book')) return 'legacy_xls';
  return ext === 'xlsx' ? 'xlsx_encrypted' : 'legacy_xls';
}

/** HTML or XML "spreadsheets" some systems export under a .xls or .csv name. */
function markupKind(sample: Uint8Array): string | null {
  const head = Buffer.from(sample.subarray(0, 256))
    .toString('latin1')
    .replace(/^\u00ef\u00bb\u00bf/, '')
    .trimStart()
    .toLowerCase();
  if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'HTML';
  if (head.startsWith('<?xml')) return 'XML';
  return null;
}

/**
 * The encoding of a text file: its BOM (UTF-8, UTF-16 LE/BE), else UTF-16 recognised by its zero bytes, else
 * UTF-8 when the sample is valid UTF-8, else Windows-1252 (what Excel writes as "CSV" on Western Windows).
 */
export function detectEncoding(sample: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  const utf16 = utf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0 };
  const complete = sample.subarray(0, completeUtf8Length(sample));
  if (isUtf8(complete)) return { encoding: 'utf-8', bomLength: 0 };
  // Real UTF-8 accents before the first invalid byte: a UTF-8 file with a part in another encoding. It is read
  // as UTF-8 so the reader refuses it at the line where it breaks (Windows-1252 would garble the first part).
  // A Windows-1252 file almost never starts with three byte pairs that happen to be valid UTF-8.
  const valid = complete.subarray(0, firstInvalidUtf8(complete));
  return { encoding: multiByteSequences(valid) >= 3 ? 'utf-8' : 'windows-1252', bomLength: 0 };
}

/** Mostly-Latin UTF-16 has a zero byte in nearly every pair, on one side only. */
function utf16WithoutBom(sample: Uint8Array): TextEncoding | null {
  const pairs = Math.floor(Math.min(sample.length, 4096) / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  if (oddZeros >= pairs * 0.6 && evenZeros === 0) return 'utf-16le';
  if (evenZeros >= pairs * 0.6 && oddZeros === 0) return 'utf-16be';
  return null;
}

/** Binary content behind a text name: NUL characters, or many control characters. */
function looksBinary(sample: Uint8Array, encoding: TextEncoding): boolean {
  if (encoding === 'utf-16le' || encoding === 'utf-16be') {
    // A NUL code unit is 00 00 in both byte orders.
    for (let i = 0; i + 1 < sample.length; i += 2) {
      if (sample[i] === 0 && sample[i + 1] === 0) return true;
    }
    return false;
  }
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) controls++;
  }
  return controls > 8 && controls > sample.length / 100;
}
