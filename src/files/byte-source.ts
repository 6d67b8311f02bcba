/** The bytes of an uploaded file, read once, with a look-ahead for sniffing and the size cap enforced. */
import { FileRefusal, formatSize } from './errors.ts';
import { type TempFile, tryTempFile } from './temp-file.ts';

/** What the readers accept: a byte stream (a Node Readable is one) or the whole file. */
export type ByteInput = AsyncIterable<Uint8Array> | Uint8Array;

const SLICE = 64 * 1024;

function* slices(bytes: Uint8Array): Generator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += SLICE) yield bytes.subarray(i, i + SLICE);
}

function asBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError('A file stream must yield bytes (do not set an encoding on it)');
}

/** Reads an input once; `peek` looks ahead without consuming, the size cap applies as bytes arrive. */
export class ByteSource {
  private readonly iterator: AsyncIterator<unknown>;
  private readonly head: Buffer[] = [];
  private total = 0;
  private ended = false;

  /** Whether the input was the whole file in memory already. */
  private readonly whole: boolean;

  constructor(
    input: ByteInput,
    private readonly maxBytes: number,
  ) {
    this.whole = input instanceof Uint8Array;
    const iterable: AsyncIterable<unknown> | Iterable<unknown> =
      input instanceof Uint8Array ? slices(input) : input;
    this.iterator =
      Symbol.asyncIterator in iterable
        ? iterable[Symbol.asyncIterator]()
        : (iterable[Symbol.iterator]() as unknown as AsyncIterator<unknown>);
  }

  /** Bytes read from the input so far. */
  get bytesRead(): number {
    return this.total;
  }

  private async pull(): Promise<Buffer | null> {
    if (this.ended) return null;
    const next = await this.iterator.next();
    if (next.done) {
      this.ended = true;
      return null;
    }
    const chunk = asBuffer(next.value);
    this.total += chunk.length;
    if (this.total > this.maxBytes) {
      await this.close();
      throw new FileRefusal('file_too_large', { limit: formatSize(this.maxBytes) });
    }
    return chunk;
  }

  /** The first `n` bytes (fewer at the end of the file), left to be read again. */
  async peek(n: number): Promise<Buffer> {
    let have = this.head.reduce((sum, b) => sum + b.length, 0);
    while (have < n) {
      const chunk = await this.pull();
      if (!chunk) break;
      if (chunk.length === 0) continue;
      this.head.push(chunk);
      have += chunk.length;
    }
    return Buffer.concat(this.head).subarray(0, n);
  }

  /** Every remaining chunk, looked-ahead ones first. */
  async *chunks(): AsyncGenerator<Buffer> {
    try {
      while (this.head.length > 0) yield this.head.shift()!;
      for (;;) {
        const chunk = await this.pull();
        if (!chunk) return;
        if (chunk.length > 0) yield chunk;
      }
    } finally {
      await this.close();
    }
  }

  /** The whole remaining file in one buffer (for formats that need random access). */
  async readAll(): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of this.chunks()) parts.push(chunk);
    return Buffer.concat(parts);
  }

  /**
   * The whole remaining file for random access: in memory up to `inMemory` bytes (or when it was given whole),
   * else in a temporary file, so that a large upload streamed in is never held at once.
   */
  async readAllOrSpill(inMemory: number): Promise<Buffer | TempFile> {
    if (this.whole) return this.readAll();
    const parts: Buffer[] = [];
    let held = 0;
    let limit = inMemory;
    let file: TempFile | null = null;
    try {
      for await (const chunk of this.chunks()) {
        if (file) {
          file.append(chunk);
          continue;
        }
        parts.push(chunk);
        held += chunk.length;
        if (held > limit) {
          file = tryTempFile();
          if (!file) {
            // No temporary folder to write to: the file stays in memory, as before there were temporary files.
            limit = Number.POSITIVE_INFINITY;
            continue;
          }
          for (const part of parts) file.append(part);
          parts.length = 0;
        }
      }
    } catch (e) {
      file?.close();
      throw e;
    }
    return file ?? Buffer.concat(parts);
  }

  /** Stops reading the input (destroys a Node stream); safe to call twice. */
  async close(): Promise<void> {
    if (this.ended) return;
    this.ended = true;
    await this.iterator.return?.();
  }
}
