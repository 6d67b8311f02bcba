/**
 * Generators of hostile and broken files, built in memory by the tests (nothing big is committed): zips that lie
 * about their sizes, workbooks with DTDs, legacy and binary files under spreadsheet names, and big text files.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import { sheetXml, workbookParts, type ZipPart } from '../fixtures/zip.ts';

/** One zip entry as written: its bytes already compressed (or stored), and the sizes the headers declare. */
export interface RawEntry {
  name: string;
  /** The entry's data as it sits in the archive. */
  body: Buffer;
  method: 0 | 8;
  /** The uncompressed size the headers declare (a zip bomb lies here). */
  declaredSize: number;
  crc?: number;
}

/** A deflated entry, its declared size the real one unless told otherwise. */
export function deflatedEntry(name: string, data: Buffer | string, declaredSize?: number): RawEntry {
  const raw = Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8');
  return {
    name,
    body: deflateRawSync(raw, { level: 9 }),
    method: 8,
    declaredSize: declaredSize ?? raw.length,
    crc: crc32(raw),
  };
}

/** A zip of entries whose data is given as stored, so one compressed body can be repeated at no cost. */
export function rawZip(entries: readonly RawEntry[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE((e.crc ?? 0) >>> 0, 14);
    local.writeUInt32LE(e.body.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, e.body);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE((e.crc ?? 0) >>> 0, 16);
    dir.writeUInt32LE(e.body.length, 20);
    dir.writeUInt32LE(e.declaredSize, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + e.body.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

/** Escapes text for an XML element's content. */
export function xmlEscape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A row of inline-string cells (`raw` cells are inserted as XML, unescaped). */
export function rowXml(line: number, cells: readonly (string | { raw: string })[]): string {
  const xml = cells
    .map((c) =>
      typeof c === 'string'
        ? `<c t="inlineStr"><is><t xml:space="preserve">${xmlEscape(c)}</t></is></c>`
        : c.raw,
    )
    .join('');
  return `<row r="${line}">${xml}</row>`;
}

/** The worksheet XML of rows of text, the header on line 1. */
export function sheetOf(rows: readonly (readonly (string | { raw: string })[])[], prolog = ''): string {
  const xml = sheetXml(rows.map((cells, i) => rowXml(i + 1, cells)).join(''));
  return prolog ? xml.replace('?>', `?>${prolog}`) : xml;
}

/** The parts of a one-sheet workbook of text rows (or of a given worksheet XML), with optional shared strings. */
export function workbookOf(
  rows: readonly (readonly (string | { raw: string })[])[],
  options: { sharedStringsXml?: string; sheetXml?: string } = {},
): ZipPart[] {
  return workbookParts({
    sheetXml: options.sheetXml ?? sheetOf(rows),
    ...(options.sharedStringsXml ? { sharedStringsXml: options.sharedStringsXml } : {}),
  });
}

/** The classic "billion laughs" DTD: ten levels of ten references, about 3 GB once expanded. */
export function billionLaughsDtd(root: string): string {
  const entities = ['<!ENTITY lol0 "lol">'];
  for (let i = 1; i <= 9; i++) {
    entities.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`);
  }
  return `<!DOCTYPE ${root} [${entities.join('')}]>`;
}

/** A DTD declaring one external entity `xxe` pointing at a URL or a file. */
export function externalEntityDtd(root: string, systemId: string): string {
  return `<!DOCTYPE ${root} [<!ENTITY xxe SYSTEM "${systemId}">]>`;
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * A compound-file (OLE2/CFB) container as an old Excel writes it: its header, then a directory sector whose
 * entries name the streams (`Workbook` for a legacy .xls, `EncryptedPackage` for a password-protected .xlsx).
 */
export function compoundFile(streams: readonly string[]): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from(OLE2).copy(header, 0);
  header.writeUInt16LE(0x3e, 24); // minor version
  header.writeUInt16LE(3, 26); // major version 3: 512-byte sectors
  header.writeUInt16LE(0xfffe, 28); // little-endian
  header.writeUInt16LE(9, 30); // sector shift
  const entries = ['Root Entry', ...streams].map((name) => {
    const entry = Buffer.alloc(128);
    const utf16 = Buffer.from(`${name}\u0000`, 'utf16le');
    utf16.copy(entry, 0);
    entry.writeUInt16LE(utf16.length, 64);
    entry[66] = name === 'Root Entry' ? 5 : 2;
    return entry;
  });
  const directory = Buffer.alloc(512);
  Buffer.concat(entries).copy(directory);
  return Buffer.concat([header, directory, Buffer.alloc(1024, 0x42)]);
}

/** The start of a real PDF document. */
export function pdfBytes(): Buffer {
  return Buffer.from(
    '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );
}

/** A 1x1 PNG image. */
export function pngBytes(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
}

/** `n` copies of a line, as one buffer, filled without building a string per line. */
export function repeatedLines(line: string, n: number): Buffer {
  const unit = Buffer.from(line, 'utf8');
  const buf = Buffer.allocUnsafe(unit.length * n);
  buf.fill(unit);
  return buf;
}

/** Text from a fixed pseudo-random sequence of letters: it does not compress much, and it is the same every run. */
export function incompressibleText(length: number, seed = 42): string {
  const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  const out = Buffer.allocUnsafe(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = letters.charCodeAt((x >>> 16) % letters.length);
  }
  return out.toString('latin1');
}
