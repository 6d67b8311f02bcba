/**
 * A set of texts that may answer "maybe" for a text never added, but never "no" for one added (a Bloom filter), in
 * a fixed 2 MiB whatever it holds. A preview of a first import (import-preview-store.ts) asks it which of a batch's
 * keys an earlier batch may have written, and looks up only those: with the 666,668 keys of a million-line file's
 * customers, about one key in 20,000 is a "maybe" it never wrote; far beyond that it answers "maybe" more and more
 * often, which costs lookups, never a wrong answer.
 */
export class KeyFilter {
  static readonly BITS = 1 << 24;
  static readonly HASHES = 7;

  readonly #words = new Uint32Array(KeyFilter.BITS >>> 5);

  add(key: string): void {
    const words = this.#words;
    hash(key);
    for (let i = 0; i < KeyFilter.HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & (KeyFilter.BITS - 1);
      words[bit >>> 5] = (words[bit >>> 5] as number) | (1 << (bit & 31));
    }
  }

  /** False only when `key` was never added. */
  mayHave(key: string): boolean {
    const words = this.#words;
    hash(key);
    for (let i = 0; i < KeyFilter.HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & (KeyFilter.BITS - 1);
      if (((words[bit >>> 5] as number) & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

// The two hashes of the last text hashed (set by `hash`, read at once): no array made per text.
let h1 = 0;
let h2 = 0;

/** Two 32-bit hashes of a text's UTF-16 code units (FNV-1a, and a second with another seed and multiplier). */
function hash(key: string): void {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  h1 = a >>> 0;
  // The second is the step between the bits: odd, so that no bit repeats among the seven.
  h2 = (b | 1) >>> 0;
}
