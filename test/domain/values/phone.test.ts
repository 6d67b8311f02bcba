import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePhone, parseWithLibrary } from '../../../src/domain/values/phone.ts';

describe('normalisePhone', () => {
  it.each([
    ['06 12 34 56 78', 'FR', '+33612345678'],
    ['06.12.34.56.78', 'FR', '+33612345678'],
    ['06-12-34-56-78', 'FR', '+33612345678'],
    ['0612345678', 'FR', '+33612345678'],
    ['(06) 12 34 56 78', 'FR', '+33612345678'],
    ['+33 6 12 34 56 78', 'FR', '+33612345678'],
    ['+33 (0)6 12 34 56 78', 'FR', '+33612345678'],
    ['0033 6 12 34 56 78', 'FR', '+33612345678'],
    ['0033612345678', 'FR', '+33612345678'],
    // Excel stored the cell as a number and dropped the leading zero.
    ['612345678', 'FR', '+33612345678'],
    ['33612345678', 'FR', '+33612345678'],
    ['01 42 68 53 00', 'FR', '+33142685300'],
    ['09 70 80 90 10', 'FR', '+33970809010'],
    ['  07 11 22 33 44\u00a0', 'FR', '+33711223344'],
    ['+32 2 555 12 34', 'FR', '+3225551234'],
    ['+44 20 7946 0958', 'FR', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['(212) 555-0123', 'US', '+12125550123'],
    // A French number pasted with "00" in a US organization (whose international prefix is 011).
    ['0033 6 12 34 56 78', 'US', '+33612345678'],
    ['+33612345678', 'fr', '+33612345678'],
    // Without a usable default country, only international numbers can be read.
    ['+33612345678', 'XX', '+33612345678'],
  ])('reads %j in %s as %s', (input, country, expected) => {
    expect(normalisePhone(input, country)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '0612',
    '06 12 34 56 7',
    '06 12 34 56 789',
    '2125550123',
    'abc',
    '+',
    '',
    '0612345678abc',
    '06 12 34 56 78 poste 12',
    '06 12 34 56 78 - 07 11 22 33 44',
    '6.12345678E+8',
  ])('refuses %j in FR with invalid_phone and a French example', (input) => {
    expect(normalisePhone(input, 'FR')).toEqual({
      ok: false,
      error: {
        code: 'invalid_phone',
        params: { country: 'FR', example: '+33 6 12 34 56 78', national: '06 12 34 56 78' },
      },
    });
  });

  it('gives the example of the default country', () => {
    const result = normalisePhone('555', 'US');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.params).toMatchObject({ country: 'US', national: '(201) 555-0123' });
  });

  it('refuses a national number when the default country is not one libphonenumber knows', () => {
    expect(normalisePhone('0612345678', 'XX')).toMatchObject({ ok: false, error: { code: 'invalid_phone' } });
  });
});

describe('phone numbers seen before', () => {
  it('give the same answer again, and are told apart by the default country', () => {
    for (let round = 0; round < 2; round++) {
      expect(normalisePhone('06 12 34 56 78', 'FR')).toEqual({ ok: true, value: '+33612345678' });
      expect(normalisePhone('06 12 34 56 78', 'US').ok).toBe(false);
      expect(normalisePhone('(415) 555-2671', 'US')).toEqual({ ok: true, value: '+14155552671' });
      expect(normalisePhone('(415) 555-2671', 'FR').ok).toBe(false);
    }
  });

  it('cannot be changed by one caller for the next', () => {
    const refused = normalisePhone('not a number', 'FR');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(() => Object.assign(refused.error, { code: 'other' })).toThrow();
    expect(normalisePhone('not a number', 'FR')).toEqual(refused);
  });
});

describe('French numbers read without libphonenumber', () => {
  it('get its answer, whatever their form, their default country, or how nearly they miss the forms read so', () => {
    const digit = fc.integer({ min: 0, max: 9 }).map(String);
    const separator = fc.constantFrom('', '', ' ', '.', '-', '  ', '/', '\u00a0', ' - ', '_');
    const prefix = fc.constantFrom(
      '0',
      '0',
      '+33',
      '+33',
      '0033',
      '+33 ',
      '0033-',
      '+33 (0)',
      '33',
      '',
      '+330',
      '00 33 ',
      '0031',
      '0032 ',
      '+32',
      '+331',
    );
    const number = fc
      .tuple(
        prefix,
        fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: 1, max: 9 }).map(String) },
          { weight: 2, arbitrary: digit },
        ),
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.array(fc.tuple(separator, digit, digit), { minLength: 4, maxLength: 4 }),
          },
          {
            weight: 1,
            arbitrary: fc.array(fc.tuple(separator, digit, digit), { minLength: 3, maxLength: 5 }),
          },
        ),
        fc.constantFrom('', '', '', '', '', '0', ' ', 'x'),
      )
      .map(([p, first, pairs, end]) => `${p}${first}${pairs.map((x) => x.join('')).join('')}${end}`);
    // Digits alone, as a spreadsheet gives back a number stored as a number (its leading 0 dropped), or nearly so.
    const digits = fc.array(digit, { minLength: 7, maxLength: 12 }).map((d) => d.join(''));
    const country = fc.constantFrom('FR', 'FR', 'fr', 'BE', 'US', 'DE', 'GB', 'XX');
    let french = 0;
    fc.assert(
      fc.property(
        fc.oneof({ weight: 4, arbitrary: number }, { weight: 1, arbitrary: digits }),
        country,
        (text, defaultCountry) => {
          const expected = parseWithLibrary(text, defaultCountry);
          if (expected.ok && expected.value.startsWith('+33')) french++;
          expect(normalisePhone(text, defaultCountry)).toEqual(expected);
        },
      ),
      { seed: 42, numRuns: 4000 },
    );
    // A good share of them are French numbers (the rest, numbers of other countries and refusals): the shortcut is
    // exercised, not only its misses.
    expect(french).toBeGreaterThan(700);
  });
});
