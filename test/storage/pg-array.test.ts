import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pgArray } from '../../src/storage/pg-array.ts';
import { createTestContext } from '../helpers/db.ts';

/**
 * Array parameters are written as array literals by pgArray instead of by `pg`: the server must read exactly the
 * values `pg` would have sent, whatever the text (quotes, backslashes, braces, commas, spaces, NULL spelt out,
 * accents, emoji) and for every element type the import sends.
 */

const ctx = await createTestContext();
const db = ctx.system.pool;

async function both<T>(cast: string, values: unknown[]): Promise<[T, T]> {
  const { rows } = await db.query<{ ours: T; theirs: T }>(
    `select $1::${cast} as ours, $2::${cast} as theirs`,
    [pgArray(values as never[]), values],
  );
  return [rows[0]!.ours, rows[0]!.theirs];
}

const awkward = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '',
    'NULL',
    'null',
    '"',
    '\\',
    '\\"',
    '{a,b}',
    ' lead',
    'trail ',
    'a,b',
    'Crème brûlée',
    '😀',
  ),
);

describe('array parameters written by pgArray', () => {
  it('read as text[] exactly as the values pg sends, NULLs included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(awkward, { nil: null }), { maxLength: 30 }), async (values) => {
        const [ours, theirs] = await both<(string | null)[]>('text[]', values);
        expect(ours).toEqual(values);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 150 },
    );
  });

  it('read as uuid[], int[], boolean[] and jsonb[] as pg sends them', async () => {
    const ids = ['6f1c3f55-5d0a-4a53-9b57-0c9d1b9e2f10', null, '00000000-0000-4000-8000-000000000000'];
    expect(await both('uuid[]', ids)).toEqual([ids, ids]);
    expect(await both('int[]', [1, -2, null, 2147483647])).toEqual([
      [1, -2, null, 2147483647],
      [1, -2, null, 2147483647],
    ]);
    expect(await both('boolean[]', [true, false, null])).toEqual([
      [true, false, null],
      [true, false, null],
    ]);
    const json = [JSON.stringify({ name: 'Dupont "le grand"', path: 'C:\\x', tags: ['a', 'b'] }), null, '[]'];
    const [ours, theirs] = await both<unknown[]>('jsonb[]', json);
    expect(ours).toEqual([{ name: 'Dupont "le grand"', path: 'C:\\x', tags: ['a', 'b'] }, null, []]);
    expect(ours).toEqual(theirs);
    const [fromObjects] = await both<unknown[]>('jsonb[]', [{ a: '"' }, null]);
    expect(fromObjects).toEqual([{ a: '"' }, null]);
  });

  it('reads objects as jsonb[] exactly as pg sends them, whatever their strings', async () => {
    const text = fc.oneof(awkward, fc.constantFrom('a\nb', 'tab\there', '\u0001', '\r\n', '\u2028'));
    const value = fc.dictionary(fc.constantFrom('name', 'email', 'positions', 'a"b', 'c\\d'), text, {
      maxKeys: 4,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(value, { nil: null }), { maxLength: 20 }), async (values) => {
        const [ours, theirs] = await both<unknown[]>('jsonb[]', values);
        expect(ours).toEqual(values);
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 100 },
    );
  });

  it('writes an empty array as {}', async () => {
    expect(pgArray([])).toBe('{}');
    expect(await both('text[]', [])).toEqual([[], []]);
  });
});
