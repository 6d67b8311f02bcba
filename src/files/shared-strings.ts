/**
 * A workbook's shared strings (every distinct text of its cells), kept as UTF-8 bytes with their offsets, outside
 * the JavaScript heap. As an array of strings they cost the heap about twice their text, and the collector lets a
 * heap grow to several times what is alive; as bytes they cost their size once. A cell's text is decoded when its
 * row is read and dies young.
 *
 * A workbook's distinct texts grow with its rows (every contact's email is one), so past `spillAt` bytes they go to
 * a temporary file instead, removed from the folder as soon as it is open (nothing is left behind, even by a crash),
 * and are read back through a small cache of blocks: memory stays a few megabytes whatever the workbook's size.
 * Cells mostly name texts stored near each other (the order the workbook met them), so the cache rarely misses.
 * Only the offsets stay in memory, four bytes a string. `close()` releases the file.
 */
import { DEFAULT_LIMITS } from './options.ts';
import { type TempFile, tryTempFile } from './temp-file.ts';

/** Bytes read from the file at once, and how many such blocks are kept. */
const BLOCK = 64 * 1024;
const CACHED_BLOCKS = 64;
/** Bytes gathered before each write to the file. */
const WRITE_AT = 1024 * 1024;

export class SharedStrings {
  // In memory: every byte. Once spilled: the bytes not yet written, which start at `written` in the file.
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  private file: TempFile | null = null;
  // ends[i] is where string i ends (in the whole sequence of bytes); string i starts where string i - 1 ends.
  private ends = new Uint32Array(1024);
  private count = 0;
  private readonly cache = new Map<number, Buffer>();
  private closed = false;

  /** `spillAt`: bytes kept in memory before the strings move to a file (ReadOptions.sharedStringsInMemory). */
  constructor(private spillAt: number = DEFAULT_LIMITS.sharedStringsInMemory) {}

  /** Bytes already in the file (none while the strings are in memory). */
  private get written(): number {
    return this.file?.size ?? 0;
  }

  get length(): number {
    return this.count;
  }

  /** Bytes of text and offsets stored (in memory or in the file). */
  get size(): number {
    return this.written + this.used + this.count * 4;
  }

  /** Whether the strings are in a file. */
  get spilled(): boolean {
    return this.file !== null;
  }

  push(text: string): void {
    const length = Buffer.byteLength(text, 'utf8');
    if (this.file === null && this.used + length > this.spillAt) this.spill();
    if (this.file !== null && this.used + length > WRITE_AT) this.flush();
    if (this.used + length > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.used + length, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    const end = this.written + this.used;
    if (end > 0xffffffff) throw new RangeError('shared strings past 4 GiB');
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = end;
  }

  /** String `index`, or '' when the workbook has no such string. */
  get(index: number): string {
    if (!(index >= 0 && index < this.count)) return '';
    if (this.closed) throw new Error('shared strings read after close');
    const start = index === 0 ? 0 : (this.ends[index - 1] as number);
    const end = this.ends[index] as number;
    if (start >= this.written) return this.bytes.toString('utf8', start - this.written, end - this.written);
    return this.fromFile(start, end);
  }

  /** Releases the file, if any; the strings cannot be read after. */
  close(): void {
    this.closed = true;
    this.file?.close();
    this.cache.clear();
  }

  private spill(): void {
    this.file = tryTempFile();
    if (!this.file) {
      // No temporary folder to write to: the strings stay in memory.
      this.spillAt = Number.POSITIVE_INFINITY;
      return;
    }
    this.flush();
    this.bytes = Buffer.allocUnsafe(WRITE_AT);
  }

  private flush(): void {
    if (this.file === null || this.used === 0) return;
    // A block read before these bytes were written ends short of them.
    this.cache.delete(Math.floor(this.written / BLOCK));
    this.file.append(this.bytes, 0, this.used);
    this.used = 0;
  }

  private fromFile(start: number, end: number): string {
    if (end > this.written) return this.read(start, end).toString('utf8');
    const block = Math.floor(start / BLOCK);
    if (Math.floor((end - 1) / BLOCK) !== block) return this.read(start, end).toString('utf8');
    let bytes = this.cache.get(block);
    if (bytes) {
      // Most recently used last: the first entry is the one to evict.
      this.cache.delete(block);
    } else {
      if (this.cache.size >= CACHED_BLOCKS) {
        const oldest = this.cache.keys().next().value as number;
        this.cache.delete(oldest);
      }
      bytes = this.read(block * BLOCK, Math.min((block + 1) * BLOCK, this.written));
    }
    this.cache.set(block, bytes);
    return bytes.toString('utf8', start - block * BLOCK, end - block * BLOCK);
  }

  /** Bytes [start, end) of the whole sequence, from the file and the bytes not yet written. */
  private read(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    const fromFile = Math.min(end, this.written);
    (this.file as TempFile).readInto(out, 0, start, fromFile);
    if (end > this.written) this.bytes.copy(out, fromFile, 0, end - this.written);
    return out;
  }
}
