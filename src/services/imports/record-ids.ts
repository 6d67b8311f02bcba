import { randomFillSync } from 'node:crypto';

/** How many ids one draw of random bytes makes. */
const IDS_PER_DRAW = 512;

const HEX = Buffer.from('0123456789abcdef', 'latin1');

const random = Buffer.alloc(16 * IDS_PER_DRAW);
const text = Buffer.alloc(36 * IDS_PER_DRAW);
let next = IDS_PER_DRAW;

/** Writes IDS_PER_DRAW version 7 UUIDs but their time, as text, from fresh random bytes. */
function draw(): void {
  randomFillSync(random);
  let out = 0;
  for (let id = 0; id < IDS_PER_DRAW; id++) {
    const bytes = id * 16;
    // Version 7 (time-ordered), variant 10 (RFC 9562); the 74 other bits after the time stay random.
    random[bytes + 6] = (random[bytes + 6]! & 0x0f) | 0x70;
    random[bytes + 8] = (random[bytes + 8]! & 0x3f) | 0x80;
    for (let i = 0; i < 16; i++) {
      if (i === 4 || i === 6 || i === 8 || i === 10) text[out++] = 0x2d;
      const byte = random[bytes + i]!;
      text[out++] = HEX[byte >> 4]!;
      text[out++] = HEX[byte & 0x0f]!;
    }
  }
  next = 0;
}

// The time part of the ids made in the millisecond `stampedAt`: its 12 hex digits with the dash after the 8th, as
// written at the start of an id. Worked out once per millisecond rather than per id: twelve divisions of a 41-bit
// time per id were half of an id's cost (docs/performance.md).
const stamped = Buffer.alloc(13);
let stampedAt = -1;

/** Writes the time part of the ids made in the millisecond `now` to `stamped`. */
function restamp(now: number): void {
  let ms = now;
  for (let digit = 11; digit >= 0; digit--) {
    stamped[digit < 8 ? digit : digit + 1] = HEX[ms % 16]!;
    ms = Math.floor(ms / 16);
  }
  stamped[8] = 0x2d;
  stampedAt = now;
}

/**
 * A new id for a record an import creates: a time-ordered UUID (version 7: the milliseconds of its making, then 74
 * random bits from the cryptographic source). The records of one import get neighbouring ids, so the indexes on
 * ids take them near their right edge instead of all over: a random (version 4) id dirtied a page of each such
 * index per row, of a table's primary key and of the contacts' index on their customer. Made a few hundred at a
 * time and each cut out as one string: crypto.randomUUID concatenates 20 pieces per id, about 600 bytes of
 * short-lived strings each.
 */
export function newRecordId(): string {
  if (next === IDS_PER_DRAW) draw();
  const start = 36 * next++;
  const now = Date.now();
  if (now !== stampedAt) restamp(now);
  for (let i = 0; i < 13; i++) text[start + i] = stamped[i]!;
  return text.toString('latin1', start, start + 36);
}
