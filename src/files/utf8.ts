/** UTF-8 byte-level helpers shared by encoding detection and decoding, and a UTF-16 well-formedness check. */

/** The length of a buffer without a multi-byte UTF-8 sequence cut at its end. */
export function completeUtf8Length(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back]!;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? n - back : n;
  }
  return n;
}

/** Index of the first byte above 0x7F (bytes.length when none). */
export function firstNonAscii(bytes: Uint8Array): number {
  const i = bytes.findIndex((b) => b >= 0x80);
  return i === -1 ? bytes.length : i;
}

/** Index of the first byte that does not start a well-formed UTF-8 sequence (bytes.length when none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const c = bytes[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const need = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (need === 0 || i + need >= bytes.length) return i;
    const second = bytes[i + 1]!;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** How many multi-byte sequences a valid UTF-8 buffer holds (its lead bytes). */
export function multiByteSequences(validUtf8: Uint8Array): number {
  let n = 0;
  for (const b of validUtf8) if (b >= 0xc0) n++;
  return n;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Index of the first UTF-16 surrogate that is not half of a pair (-1 when none): text no encoding can carry. */
export function firstLoneSurrogate(text: string): number {
  return text.search(LONE_SURROGATE);
}
