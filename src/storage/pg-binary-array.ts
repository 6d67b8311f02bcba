/**
 * Array parameters in PostgreSQL's binary format, for the columns an import sends by the thousand: `pg` sends a
 * Buffer parameter as binary, and the server then reads each element by its length (`array_recv`) instead of
 * parsing the text of the array (`array_in`: character by character into a string, then the element's own input
 * function, for a uuid sixteen `strtoul` calls). That parsing was about 8% of the backend's time in a first
 * import (`perf`, docs/performance.md), the import's largest cost a COPY of the same rows does not have.
 *
 * The layout (PostgreSQL's `array_send`): dimensions, a has-null flag and the element type's OID, then for one
 * dimension its length and lower bound (1), then each element as its byte length (-1 for NULL) and its bytes.
 * The element type must be the one the statement casts the parameter to (`$2::uuid[]`): the server refuses
 * another.
 */

/** The element types sent in binary, with their OIDs. */
export const BINARY_ELEMENT_TYPES = { text: 25, uuid: 2950, int: 23, boolean: 16 } as const;
export type BinaryElementType = keyof typeof BINARY_ELEMENT_TYPES;

/** A value that cannot be sent as an element of its type: a fault of the caller, never of a file's line. */
export class BinaryArrayError extends Error {
  constructor(type: BinaryElementType, value: unknown) {
    super(`not a ${type} array element: ${JSON.stringify(String(value)).slice(0, 60)}`);
    this.name = 'BinaryArrayError';
  }
}

const HEADER = 20;

/** A buffer reused for writing, grown when an array needs more; each array is copied out at its size. */
let scratch: Buffer = Buffer.allocUnsafe(1 << 16);

/** A larger scratch buffer, of at least `bytes`, holding the `used` bytes already written to `buf`. */
function grown(buf: Buffer, used: number, bytes: number): Buffer {
  const next = Buffer.allocUnsafe(Math.max(bytes, buf.length * 2));
  buf.copy(next, 0, 0, used);
  scratch = next;
  return next;
}

/**
 * Writes a 32-bit integer in network order, as Buffer#writeInt32BE does without its checks: each value here is an
 * element's size, -1, a header field or an int element already checked, written once or twice per element.
 */
function int32(buf: Buffer, at: number, value: number): void {
  buf[at] = value >>> 24;
  buf[at + 1] = value >>> 16;
  buf[at + 2] = value >>> 8;
  buf[at + 3] = value;
}

/** The hex digit of each character code below 128, or -1. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}
function hexAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? (HEX[code] ?? -1) : -1;
}

/** Writes a uuid's sixteen bytes at `at`; false when `text` is not a uuid in its usual text form. */
function writeUuid(buf: Buffer, at: number, text: string): boolean {
  if (text.length !== 36) return false;
  if (text.charCodeAt(8) !== 45 || text.charCodeAt(13) !== 45 || text.charCodeAt(18) !== 45) return false;
  if (text.charCodeAt(23) !== 45) return false;
  for (let b = 0, i = 0; b < 16; b++, i += 2) {
    // The dashes after the 4th, 6th, 8th and 10th bytes.
    if (b === 4 || b === 6 || b === 8 || b === 10) i++;
    const high = hexAt(text, i);
    const low = hexAt(text, i + 1);
    if (high < 0 || low < 0) return false;
    buf[at + b] = (high << 4) | low;
  }
  return true;
}

// Longer texts go to Buffer#write, whose call costs more than encoding a short text here but copies long ones faster.
const SHORT_TEXT = 48;

/**
 * Writes `text` in UTF-8 at `at` and returns its byte length, as Buffer#write does (a lone surrogate as U+FFFD).
 * An import sends about five texts per line, most under twenty characters, and Buffer#write's checks and call into
 * C++ cost more than the loop: 65 against 35 ns a text in isolation; in a million-line preview, every binary
 * array together 1.54 and 1.72 s against 1.71 and 1.91 s (docs/performance.md).
 */
function writeUtf8(buf: Buffer, at: number, text: string): number {
  const n = text.length;
  if (n > SHORT_TEXT) return buf.write(text, at);
  let p = at;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      buf[p++] = c;
    } else if (c < 0x800) {
      buf[p++] = 0xc0 | (c >> 6);
      buf[p++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (text.charCodeAt(++i) - 0xdc00);
      buf[p++] = 0xf0 | (c >> 18);
      buf[p++] = 0x80 | ((c >> 12) & 0x3f);
      buf[p++] = 0x80 | ((c >> 6) & 0x3f);
      buf[p++] = 0x80 | (c & 0x3f);
    } else {
      // A surrogate without its pair cannot be encoded: the replacement character, as Buffer#write writes.
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      buf[p++] = 0xe0 | (c >> 12);
      buf[p++] = 0x80 | ((c >> 6) & 0x3f);
      buf[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p - at;
}

/** The bytes of an element of each fixed-size type. */
const FIXED_BYTES = { uuid: 16, int: 4, boolean: 1 } as const;

/**
 * The array of `values` as a binary parameter of element type `type`: null and undefined are NULL; a text is a
 * string, a uuid a string in its usual form, an int a 32-bit integer, a boolean a boolean. Any other value
 * throws BinaryArrayError rather than send something else than was meant.
 *
 * One loop per kind of element, the buffer grown as it fills: a first pass over the texts to size the buffer, a
 * loop testing the type at each element and Buffer#writeInt32BE's checks took about 7% longer in isolation (an
 * import sends some thirteen million elements per million lines; docs/performance.md).
 */
export function binaryArray(type: BinaryElementType, values: readonly unknown[]): Buffer {
  return type === 'text' ? textArray(values) : fixedArray(type, values);
}

function textArray(values: readonly unknown[]): Buffer {
  const n = values.length;
  let buf = scratch;
  let hasNull = 0;
  let at = n === 0 ? 12 : HEADER;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      if (at + 4 > buf.length) buf = grown(buf, at, at + 4);
      int32(buf, at, -1);
      at += 4;
      hasNull = 1;
      continue;
    }
    if (typeof v !== 'string') throw new BinaryArrayError('text', v);
    // A UTF-16 code unit is at most three bytes of UTF-8.
    const most = at + 4 + v.length * 3;
    if (most > buf.length) buf = grown(buf, at, most);
    const size = writeUtf8(buf, at + 4, v);
    int32(buf, at, size);
    at += 4 + size;
  }
  return finished(buf, 'text', n, hasNull, at);
}

function fixedArray(type: keyof typeof FIXED_BYTES, values: readonly unknown[]): Buffer {
  const n = values.length;
  const size = FIXED_BYTES[type];
  let buf = scratch;
  const most = HEADER + (4 + size) * n;
  if (most > buf.length) buf = grown(buf, 0, most);
  let hasNull = 0;
  let at = n === 0 ? 12 : HEADER;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      int32(buf, at, -1);
      at += 4;
      hasNull = 1;
      continue;
    }
    if (type === 'uuid') {
      if (typeof v !== 'string' || !writeUuid(buf, at + 4, v)) throw new BinaryArrayError(type, v);
    } else if (type === 'int') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < -2147483648 || v > 2147483647) {
        throw new BinaryArrayError(type, v);
      }
      int32(buf, at + 4, v);
    } else {
      if (typeof v !== 'boolean') throw new BinaryArrayError(type, v);
      buf[at + 4] = v ? 1 : 0;
    }
    int32(buf, at, size);
    at += 4 + size;
  }
  return finished(buf, type, n, hasNull, at);
}

/** The array's header written before its `at` bytes of elements, copied out of the scratch buffer. */
function finished(buf: Buffer, type: BinaryElementType, n: number, hasNull: number, at: number): Buffer {
  int32(buf, 0, n === 0 ? 0 : 1);
  int32(buf, 4, hasNull);
  int32(buf, 8, BINARY_ELEMENT_TYPES[type]);
  if (n > 0) {
    int32(buf, 12, n);
    int32(buf, 16, 1);
  }
  return Buffer.from(buf.subarray(0, at));
}
