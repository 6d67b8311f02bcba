import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnParams, pgArray } from '../../src/storage/pg-array.ts';
import { BinaryArrayError, type BinaryElementType, binaryArray } from '../../src/storage/pg-binary-array.ts';
import { createTestContext } from '../helpers/db.ts';

/**
 * The import's large array parameters go in PostgreSQL's binary format (binaryArray): the server must read
 * exactly the values the array literals (pgArray, checked against pg's own in pg-array.test.ts) give it, for
 * every element type sent that way, and a value that is not of the type must be refused here, not sent.
 */

const ctx = await createTestContext();
const db = ctx.system.pool;

/** What the server reads from the binary array and from the literal of the same values. */
async function both<T>(type: BinaryElementType, cast: string, values: unknown[]): Promise<[T, T]> {
  const { rows } = await db.query<{ binary: T; literal: T }>(
    `select $1::${cast} as binary, $2::${cast} as literal`,
    [binaryArray(type, values), pgArray(values as never[])],
  );
  return [rows[0]!.binary, rows[0]!.literal];
}

// Text PostgreSQL can hold: no NUL character, and no lone surrogate (which UTF-8 cannot carry either way).
const storable = (s: string) => !s.includes('\u0000') && !/\p{Cs}/u.test(s);
const awkward = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }).filter(storable),
  fc.constantFrom('', 'NULL', '"', '\\', '{a,b}', ' lead', 'a,b', 'Crème brûlée', '€ ’ œ', '😀', 'a\nb\tc'),
);

describe('array parameters sent in binary', () => {
  it('read as text[] exactly as their literals, NULLs and empty texts included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(awkward, { nil: null }), { maxLength: 30 }), async (values) => {
        const [binary, literal] = await both<(string | null)[]>('text', 'text[]', values);
        expect(binary).toEqual(values);
        expect(binary).toEqual(literal);
      }),
      { numRuns: 150 },
    );
  });

  it('read as uuid[], whatever the case of their digits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.option(fc.uuid({ version: [4, 7] }), { nil: null }), { maxLength: 20 }),
        fc.boolean(),
        async (ids, upper) => {
          const sent = ids.map((id) => (id !== null && upper ? id.toUpperCase() : id));
          const [binary, literal] = await both<(string | null)[]>('uuid', 'uuid[]', sent);
          expect(binary).toEqual(ids);
          expect(binary).toEqual(literal);
        },
      ),
      { numRuns: 50 },
    );
    const ends = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff'];
    expect(await both('uuid', 'uuid[]', ends)).toEqual([ends, ends]);
  });

  it('read as int[] and boolean[], limits and NULLs included', async () => {
    const ints = [0, 1, -1, 2147483647, -2147483648, null, 4096];
    expect(await both('int', 'int[]', ints)).toEqual([ints, ints]);
    const bools = [true, false, null, true];
    expect(await both('boolean', 'boolean[]', bools)).toEqual([bools, bools]);
  });

  it('sends empty arrays, and arrays larger than the buffer it starts with', async () => {
    for (const type of ['text', 'uuid', 'int', 'boolean'] as const) {
      expect(await both(type, `${type}[]`, [])).toEqual([[], []]);
    }
    const long = Array.from({ length: 3_000 }, (_, i) => `${'é'.repeat(i % 40)}${i}`);
    const [binary] = await both<string[]>('text', 'text[]', long);
    expect(binary).toEqual(long);
    // The buffer grows wherever it fills: for elements of a fixed size, among NULLs, at one long text. It is kept
    // from one array to the next, so each array here is larger than the buffer all the ones before it needed.
    const ints = Array.from({ length: 40_000 }, (_, i) => i - 20_000);
    expect((await both<number[]>('int', 'int[]', ints))[0]).toEqual(ints);
    const ids = Array.from(
      { length: 30_000 },
      (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect((await both<string[]>('uuid', 'uuid[]', ids))[0]).toEqual(ids);
    const nulls = [...Array.from({ length: 300_000 }, () => null), 'after', 'x'.repeat(3_000_000)];
    expect((await both<(string | null)[]>('text', 'text[]', nulls))[0]).toEqual(nulls);
  });

  it('is unnested as rows, one binary column beside a literal one', async () => {
    const arrays = { names: ['id', 'name', 'due'], types: ['uuid', 'text', 'date'] };
    const params = columnParams(arrays, [
      ['6f1c3f55-5d0a-4a53-9b57-0c9d1b9e2f10', '01890a5d-ac96-774b-bcce-b302099a8057'],
      ['Dupont "le grand"', null],
      ['2026-12-02', null],
    ]);
    expect(Buffer.isBuffer(params[0])).toBe(true);
    expect(Buffer.isBuffer(params[1])).toBe(true);
    expect(params[2]).toBe('{"2026-12-02",NULL}');
    const { rows } = await db.query(
      `select u.id, u.name, u.due::text as due from unnest($1::uuid[], $2::text[], $3::date[]) as u(id, name, due)`,
      params,
    );
    expect(rows).toEqual([
      { id: '6f1c3f55-5d0a-4a53-9b57-0c9d1b9e2f10', name: 'Dupont "le grand"', due: '2026-12-02' },
      { id: '01890a5d-ac96-774b-bcce-b302099a8057', name: null, due: null },
    ]);
  });

  it("encodes each text as Buffer's UTF-8 does, short or long, a lone surrogate as U+FFFD", () => {
    // The layout, built with Buffer.from for each element: a length of -1 for NULL, else the byte length and bytes.
    const int32 = (n: number) => {
      const b = Buffer.alloc(4);
      b.writeInt32BE(n);
      return b;
    };
    const reference = (values: (string | null)[]) =>
      Buffer.concat([
        int32(values.length > 0 ? 1 : 0),
        int32(values.includes(null) ? 1 : 0),
        int32(25),
        ...(values.length > 0 ? [int32(values.length), int32(1)] : []),
        ...values.flatMap((v) => (v === null ? [int32(-1)] : [int32(Buffer.byteLength(v)), Buffer.from(v)])),
      ]);
    const lone = [
      '\ud800',
      'a\udc00b',
      '\udbff',
      '\ud83d\ude00\ud83d',
      '\udc00\ud800',
      `${'é'.repeat(60)}\ud800`,
    ];
    expect(binaryArray('text', lone)).toEqual(reference(lone));
    fc.assert(
      fc.property(
        fc.array(
          fc.option(
            fc.oneof(
              fc.string({ unit: 'binary', maxLength: 30 }),
              fc.string({ unit: 'grapheme', minLength: 40, maxLength: 80 }),
              fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
            ),
            { nil: null },
          ),
          { maxLength: 40 },
        ),
        (values) => {
          expect(binaryArray('text', values)).toEqual(reference(values));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses a value that is not of its type rather than send another', () => {
    const refused: [BinaryElementType, unknown][] = [
      ['uuid', 'not-a-uuid'],
      ['uuid', '6f1c3f55-5d0a-4a53-9b57-0c9d1b9e2f1'],
      ['uuid', '6f1c3f55x5d0a-4a53-9b57-0c9d1b9e2f10'],
      ['uuid', '6f1c3f55-5d0a-4a53-9b57-0c9d1b9e2g10'],
      ['uuid', '6f1c3f55-5d0a-4a53-9b57-0c9d1b9e2fé0'],
      ['uuid', 42],
      ['text', 42],
      ['int', 1.5],
      ['int', 2147483648],
      ['int', '3'],
      ['boolean', 'true'],
    ];
    for (const [type, value] of refused) {
      expect(() => binaryArray(type, [null, value]), `${type} ${String(value)}`).toThrow(BinaryArrayError);
    }
  });
});
