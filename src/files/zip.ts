/**
 * The zip container of an XLSX, read from its central directory with node:zlib. Declared sizes are checked
 * before anything is inflated, and real inflated bytes are counted while inflating, because declared sizes can
 * lie: a zip bomb is refused with `xlsx_too_large`, a damaged or inconsistent zip with `invalid_xlsx`.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { FileRefusal, formatSize } from './errors.ts';
import type { TempFile } from './temp-file.ts';

/**
 * The bytes of a zip, read at any offset: held in memory, or in a temporary file (a large upload), so that a
 * workbook's size does not become the reader's memory. Only the directory, the headers and 64 KiB slices of the
 * part being inflated are ever read at once.
 */
export interface ZipBytes {
  readonly length: number;
  /** Bytes [start, end), fewer at the end of the zip. */
  read(start: number, end: number): Buffer;
  /** Releases the temporary file, if any. */
  close(): void;
}

export function zipInMemory(buf: Buffer): ZipBytes {
  return { length: buf.length, read: (start, end) => buf.subarray(start, end), close: () => undefined };
}

export function zipInFile(file: TempFile): ZipBytes {
  return {
    length: file.size,
    read: (start, end) => file.read(start, Math.min(end, file.size)),
    close: () => file.close(),
  };
}

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Where the entry's data starts (after its local header). */
  dataStart: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

const invalid = () => new FileRefusal('invalid_xlsx');

function findEocd(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= stop; i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  throw invalid();
}

function u64(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalid();
  return Number(value);
}

/** Count, size and offset of the central directory, from the (zip64) end record. */
function directoryBounds(src: ZipBytes): { count: number; offset: number; end: number } {
  // The end record is in the last 22 bytes plus the longest comment.
  const tailStart = Math.max(0, src.length - 22 - 0xffff);
  const tail = src.read(tailStart, src.length);
  const eocd = findEocd(tail);
  let count = tail.readUInt16LE(eocd + 10);
  let size = tail.readUInt32LE(eocd + 12);
  let offset = tail.readUInt32LE(eocd + 16);
  if (tail.readUInt16LE(eocd + 4) !== 0 || tail.readUInt16LE(eocd + 6) !== 0) throw invalid(); // multi-disk
  const eocdAt = tailStart + eocd;
  if ((count === 0xffff || size === MAX32 || offset === MAX32) && eocdAt >= 20) {
    const locator = src.read(eocdAt - 20, eocdAt);
    if (locator.readUInt32LE(0) !== ZIP64_LOCATOR) throw invalid();
    const at = u64(locator, 8);
    const record = src.read(at, at + 56);
    if (record.length < 56 || record.readUInt32LE(0) !== ZIP64_EOCD) throw invalid();
    count = u64(record, 32);
    size = u64(record, 40);
    offset = u64(record, 48);
  }
  if (offset + size > src.length) throw invalid();
  return { count, offset, end: offset + size };
}

/** Sizes and offset stored as 0xFFFFFFFF live in the zip64 extra field (id 1), in this order. */
function applyZip64(buf: Buffer, extraStart: number, extraEnd: number, entry: ZipEntry): void {
  for (let p = extraStart; p + 4 <= extraEnd; ) {
    const id = buf.readUInt16LE(p);
    const len = buf.readUInt16LE(p + 2);
    if (id === 1) {
      let q = p + 4;
      const take = () => {
        if (q + 8 > p + 4 + len) throw invalid();
        const v = u64(buf, q);
        q += 8;
        return v;
      };
      if (entry.uncompressedSize === MAX32) entry.uncompressedSize = take();
      if (entry.compressedSize === MAX32) entry.compressedSize = take();
      if (entry.localOffset === MAX32) entry.localOffset = take();
    }
    p += 4 + len;
  }
}

function readCentralEntry(buf: Buffer, p: number, dirEnd: number): { entry: ZipEntry; next: number } {
  if (p + 46 > dirEnd || buf.readUInt32LE(p) !== CENTRAL) throw invalid();
  const flags = buf.readUInt16LE(p + 8);
  const nameLength = buf.readUInt16LE(p + 28);
  const extraLength = buf.readUInt16LE(p + 30);
  const next = p + 46 + nameLength + extraLength + buf.readUInt16LE(p + 32);
  if (next > dirEnd || flags & 1) throw invalid(); // encrypted entries are not an xlsx
  const entry: ZipEntry = {
    name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    method: buf.readUInt16LE(p + 10),
    compressedSize: buf.readUInt32LE(p + 20),
    uncompressedSize: buf.readUInt32LE(p + 24),
    localOffset: buf.readUInt32LE(p + 42),
    dataStart: 0,
  };
  applyZip64(buf, p + 46 + nameLength, p + 46 + nameLength + extraLength, entry);
  if (entry.method !== 0 && entry.method !== 8) throw invalid();
  return { entry, next };
}

/** Locates each entry's data and refuses entries that overlap (a known zip-bomb construction). */
function locateData(src: ZipBytes, entries: ZipEntry[], dirOffset: number): void {
  for (const entry of entries) {
    const at = entry.localOffset;
    if (at + 30 > dirOffset) throw invalid();
    const header = src.read(at, at + 30);
    if (header.readUInt32LE(0) !== LOCAL) throw invalid();
    entry.dataStart = at + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (entry.dataStart + entry.compressedSize > dirOffset) throw invalid();
  }
  const sorted = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    if (prev.dataStart + prev.compressedSize > sorted[i]!.localOffset) throw invalid();
  }
}

/** The entries of a zip; `invalid_xlsx` when it is not a sound zip. */
export function readZip(src: ZipBytes): ZipEntry[] {
  if (src.length < 22) throw invalid();
  const { count, offset, end } = directoryBounds(src);
  // The central directory at once: its offsets below are relative to it.
  const directory = src.read(offset, end);
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    const { entry, next } = readCentralEntry(directory, p, end - offset);
    if (names.has(entry.name)) throw invalid();
    names.add(entry.name);
    entries.push(entry);
    p = next;
  }
  locateData(src, entries, offset);
  return entries;
}

/** Refuses a zip whose declared sizes already exceed the limits, before inflating anything. */
export function checkDeclaredSizes(
  entries: readonly ZipEntry[],
  limits: { maxInflatedBytes: number; maxCompressionRatio: number },
): void {
  let total = 0;
  for (const e of entries) {
    total += e.uncompressedSize;
    const big = e.uncompressedSize > 1024 * 1024;
    if (big && e.uncompressedSize > Math.max(1, e.compressedSize) * limits.maxCompressionRatio) {
      throw new FileRefusal('xlsx_too_large', { limit: formatSize(limits.maxInflatedBytes) });
    }
  }
  if (total > limits.maxInflatedBytes) {
    throw new FileRefusal('xlsx_too_large', { limit: formatSize(limits.maxInflatedBytes) });
  }
}

/** Real inflated bytes of one reading pass, against a cap. */
export class InflateBudget {
  private used = 0;

  constructor(private readonly limit: number) {}

  /** Counts `n` more bytes; refuses the file once the cap is passed. */
  spend(n: number): void {
    this.used += n;
    if (this.used > this.limit) this.refuse();
  }

  /** Refuses the file as too large once inflated. */
  refuse(): never {
    throw new FileRefusal('xlsx_too_large', { limit: formatSize(this.limit) });
  }
}

/** An entry's compressed bytes, 64 KiB at a time. */
function* slices(src: ZipBytes, entry: ZipEntry): Generator<Buffer> {
  const end = entry.dataStart + entry.compressedSize;
  for (let i = entry.dataStart; i < end; i += 64 * 1024) yield src.read(i, Math.min(i + 64 * 1024, end));
}

/** Inflates one entry, streamed, counting every byte against the budget and against its declared size. */
export async function* inflateEntry(
  src: ZipBytes,
  entry: ZipEntry,
  budget: InflateBudget,
): AsyncGenerator<Buffer> {
  let produced = 0;
  const account = (chunk: Buffer) => {
    produced += chunk.length;
    // More bytes than declared: the directory lies about sizes, the mark of a zip bomb.
    if (produced > entry.uncompressedSize) budget.refuse();
    budget.spend(chunk.length);
  };
  if (entry.method === 0) {
    for (const chunk of slices(src, entry)) {
      account(chunk);
      yield chunk;
    }
  } else {
    const inflater = createInflateRaw();
    Readable.from(slices(src, entry), { objectMode: false }).pipe(inflater);
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        account(chunk);
        yield chunk;
      }
    } catch (error) {
      if (error instanceof FileRefusal) throw error;
      throw invalid(); // corrupt deflate data
    } finally {
      inflater.destroy();
    }
  }
  if (produced !== entry.uncompressedSize) throw invalid();
}
