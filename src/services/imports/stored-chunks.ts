import type { CodedError } from '../../domain/result.ts';

/** What a reader following an upload gets when the upload broke off: the refusal the import fails with. */
export class UploadBrokenOff extends Error {
  readonly refusal: CodedError;
  constructor(refusal: CodedError) {
    super(`the upload broke off: ${refusal.code}`);
    this.name = 'UploadBrokenOff';
    this.refusal = refusal;
  }
}

/**
 * Which chunks of an upload being stored are committed, for a reader that follows the upload: the command line
 * starts a run while the rest of its file is still being stored (`beginUpload`), and the run reads each chunk from
 * the database once it is there. Chunks are stored a few at a time and may commit out of order: a chunk counts as
 * ready when it and every chunk before it are committed.
 */
export class StoredChunks {
  #committed = new Set<number>();
  /** Chunks 0 to ready - 1 are committed. */
  #ready = 0;
  #ended = false;
  #failure: UploadBrokenOff | null = null;
  #waiters: (() => void)[] = [];

  /** Chunk `n` is committed. */
  stored(n: number): void {
    this.#committed.add(n);
    while (this.#committed.delete(this.#ready)) this.#ready++;
    this.#wake();
  }

  /** No chunk will follow: the upload is stored whole. */
  end(): void {
    this.#ended = true;
    this.#wake();
  }

  /** The upload broke off: whoever waits, or will, gets UploadBrokenOff with `refusal`. */
  fail(refusal: CodedError): void {
    this.#failure ??= new UploadBrokenOff(refusal);
    this.#wake();
  }

  /**
   * Resolves once chunk `n` can be read, or once the upload is stored whole (there is then no chunk `n` when
   * the file has fewer); rejects when the upload broke off before.
   */
  async waitFor(n: number): Promise<void> {
    for (;;) {
      if (this.#failure) throw this.#failure;
      if (n < this.#ready || this.#ended) return;
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  #wake(): void {
    const waiting = this.#waiters;
    this.#waiters = [];
    for (const resolve of waiting) resolve();
  }
}
