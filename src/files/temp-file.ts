/**
 * Temporary files for what a read would otherwise hold in memory and grow with the file (a workbook's bytes, its
 * shared strings). Each is created in a folder of its own under the system's temporary folder (TMPDIR), and the
 * name and folder are removed as soon as it is open: nobody else can reach it and nothing is left behind, even by
 * a crash. It lives until `close()`, or until the object is collected (a backstop for an abandoned read).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const open = new FinalizationRegistry<number>((fd) => {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed.
  }
});

/**
 * A temporary file, or null when none can be made (no writable temporary folder): the caller then keeps the bytes
 * in memory, as it would for a small file, rather than failing the read.
 */
export function tryTempFile(): TempFile | null {
  try {
    return new TempFile();
  } catch {
    return null;
  }
}

export class TempFile {
  private fd: number | null;
  /** Bytes written so far (the file only grows, by `append`). */
  size = 0;

  constructor() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clientele-'));
    try {
      this.fd = fs.openSync(path.join(dir, 'data'), 'w+', 0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    open.register(this, this.fd, this);
  }

  private get handle(): number {
    if (this.fd === null) throw new Error('temporary file used after close');
    return this.fd;
  }

  /** Writes bytes at the end. */
  append(bytes: Uint8Array, start = 0, end = bytes.length): void {
    let done = start;
    while (done < end) done += fs.writeSync(this.handle, bytes, done, end - done, this.size + (done - start));
    this.size += end - start;
  }

  /** Bytes [start, end) into `out` at `at`. */
  readInto(out: Buffer, at: number, start: number, end: number): void {
    let done = 0;
    while (done < end - start) {
      const n = fs.readSync(this.handle, out, at + done, end - start - done, start + done);
      if (n === 0) throw new Error('temporary file ended early');
      done += n;
    }
  }

  /** Bytes [start, end), in a buffer of their own. */
  read(start: number, end: number): Buffer {
    const out = Buffer.allocUnsafe(end - start);
    this.readInto(out, 0, start, end);
    return out;
  }

  close(): void {
    if (this.fd === null) return;
    open.unregister(this);
    fs.closeSync(this.fd);
    this.fd = null;
  }
}
