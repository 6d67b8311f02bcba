/**
 * A workbook's shared strings (every distinct text of its cells), kept as UTF-8 bytes in one growing buffer with
 * their offsets, outside the JavaScript heap. As an array of strings they cost the heap about twice their text,
 * and the collector lets a heap grow to several times what is alive; as bytes they cost their size once. A cell's
 * text is decoded when its row is read and dies young.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private used = 0;
  // ends[i] is where string i ends; string i starts where string i - 1 ends.
  private ends = new Uint32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Bytes held: the text and its offsets. */
  get size(): number {
    return this.used + this.count * 4;
  }

  push(text: string): void {
    const needed = this.used + Buffer.byteLength(text, 'utf8');
    if (needed > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.bytes.length * 2));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.ends.length * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }

  /** String `index`, or '' when the workbook has no such string. */
  get(index: number): string {
    if (!(index >= 0 && index < this.count)) return '';
    const start = index === 0 ? 0 : (this.ends[index - 1] as number);
    return this.bytes.toString('utf8', start, this.ends[index]);
  }
}
