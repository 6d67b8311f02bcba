import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/domain/result.ts';
import { closestName } from '../../../src/domain/values/closest-name.ts';
import { normaliseCountry } from '../../../src/domain/values/country.ts';
import { acceptedByRules, normaliseEmail } from '../../../src/domain/values/email.ts';
import { normaliseMainContactFlag } from '../../../src/domain/values/main-contact.ts';
import { normalisePhone } from '../../../src/domain/values/phone.ts';
import { normalisePositions } from '../../../src/domain/values/positions.ts';
import {
  normalisePostalCode,
  normaliseText,
  normaliseVatNumber,
} from '../../../src/domain/values/text-field.ts';

const RUNS = { seed: 42, numRuns: 300 };

// Cells as spreadsheets give them: any Unicode, with a bias towards the characters the rules care about.
const cell = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.constantFrom(...' +0123456789@.,;|/-()aéxoOUIN\u00a0\u200b'), maxLength: 30 }),
);

// Values a person would type, with random case and padding, so that the idempotence properties see many
// accepted values and not only refusals.
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const separator = fc.constantFrom('', ' ', '.', '-');
const frenchPhone = fc
  .tuple(
    fc.constantFrom('0', '+33 ', '0033 ', ''),
    fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '9'),
    fc.array(digits(2), { minLength: 4, maxLength: 4 }),
    separator,
  )
  .map(([prefix, first, pairs, sep]) => `${prefix}${first}${sep}${pairs.join(sep)}`);
const countryWord = fc.constantFrom(
  'FR',
  'deu',
  'Royaume-Uni',
  'USA',
  'États-Unis',
  'Allemagne',
  'belgique',
  'UK',
  'EL',
  'Côte d’Ivoire',
);
const positionWords = fc
  .array(fc.constantFrom('Comptable', 'sales', 'ACHATS', 'Finance', 'commerciaux', 'Buyer'), { maxLength: 4 })
  .chain((words) => fc.constantFrom(', ', ';', ' | ', '/', ' et ').map((sep) => words.join(sep)));
const padded = (arbitrary: fc.Arbitrary<string>) =>
  fc
    .tuple(arbitrary, fc.boolean(), fc.constantFrom('', ' ', '\u00a0', '\t'))
    .map(([v, upper, pad]) => `${pad}${upper ? v.toUpperCase() : v}${pad}`);
const mixed = (plausible: fc.Arbitrary<string>) => fc.oneof(cell, padded(plausible), padded(plausible));

// Each normaliser, the inputs to try, and how to feed its output back to it.
const normalisers: [string, (v: string) => Result<unknown>, fc.Arbitrary<string>, (out: never) => string][] =
  [
    ['email', normaliseEmail, mixed(fc.emailAddress({ size: 'small' })), (out: string) => out],
    ['phone FR', (v) => normalisePhone(v, 'FR'), mixed(frenchPhone), (out: string) => out],
    [
      'phone US',
      (v) => normalisePhone(v, 'US'),
      mixed(frenchPhone.map((p) => `+33 ${p.replace(/^(\+33 |0033 |0)/, '')}`)),
      (out: string) => out,
    ],
    ['positions', normalisePositions, mixed(positionWords), (out: string[]) => out.join(', ')],
    [
      'main contact',
      normaliseMainContactFlag,
      mixed(fc.constantFrom('1', 'oui', 'x', 'Vrai', 'no', '0', 'faux', '')),
      (out: boolean | undefined) => (out === undefined ? '' : String(out)),
    ],
    ['country', normaliseCountry, mixed(countryWord), (out: string) => out],
    ['text', (v) => normaliseText(v, 20), cell, (out: string) => out],
    [
      'VAT number',
      normaliseVatNumber,
      mixed(fc.constantFrom('fr 12 345 678 901', 'BE-0123.456.789')),
      (out: string) => out,
    ],
    ['postal code', (v) => normalisePostalCode(v, 'FR'), mixed(digits(4)), (out: string) => out],
  ];

const CODES = new Set([
  'invalid_email',
  'invalid_phone',
  'unknown_position',
  'invalid_main_contact_flag',
  'unknown_country',
  'value_too_long',
]);

describe.each(normalisers)('%s normaliser', (_name, normalise, inputs, back) => {
  it('never throws, and every failure is one of the known codes', () => {
    fc.assert(
      fc.property(inputs, (value) => {
        const result = normalise(value);
        if (!result.ok) expect(CODES).toContain(result.error.code);
      }),
      RUNS,
    );
  });

  it('is idempotent: normalising its output gives the output back', () => {
    let accepted = 0;
    fc.assert(
      fc.property(inputs, (value) => {
        const first = normalise(value);
        if (!first.ok) return;
        accepted++;
        expect(normalise(back(first.value as never))).toEqual(first);
      }),
      RUNS,
    );
    // The inputs must include accepted values for the property to say anything.
    expect(accepted).toBeGreaterThan(50);
  });
});

describe('emails', () => {
  it('come out lower-case, whatever the case they came in', () => {
    fc.assert(
      fc.property(fc.emailAddress({ size: 'small' }), fc.boolean(), (email, upper) => {
        // fc.emailAddress writes RFC addresses with ASCII letters, all of which the pragmatic rule accepts.
        expect(normaliseEmail(upper ? email.toUpperCase() : email)).toEqual({
          ok: true,
          value: email.toLowerCase(),
        });
      }),
      RUNS,
    );
  });

  it('accept ordinary addresses with plus-addressing and subdomains', () => {
    const word = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'),
      minLength: 1,
      maxLength: 12,
    });
    const tld = fc.string({
      unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'),
      minLength: 2,
      maxLength: 6,
    });
    fc.assert(
      fc.property(
        word,
        fc.option(word),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        tld,
        (local, tag, labels, top) => {
          const email = `${local}${tag === null ? '' : `+${tag}`}@${labels.join('.')}.${top}`.toUpperCase();
          expect(normaliseEmail(email)).toEqual({ ok: true, value: email.toLowerCase() });
        },
      ),
      RUNS,
    );
  });
});

describe('the shortcut for plain ASCII addresses', () => {
  it('accepts and refuses exactly what the rules one by one do', () => {
    // Addresses near the rules' edges: words of atext with hyphens, dots and an occasional accent, labels of 62 to
    // 64 characters, "xn--" top-level labels, then sometimes one character put in anywhere (an at sign, a dot, a
    // hyphen, a quote).
    const odd = fc.constantFrom(
      'a'.repeat(62),
      'b'.repeat(63),
      'c'.repeat(64),
      'xn--p1ai',
      'xn--',
      'é',
      '-a',
      'a-',
    );
    const atext = fc.oneof({ weight: 8, arbitrary: fc.stringMatching(/^[a-z0-9+_'=-]{1,8}$/) }, odd);
    const label = fc.oneof(
      { weight: 8, arbitrary: fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,6}[a-z0-9])?$/) },
      odd,
    );
    const top = fc.oneof(
      fc.stringMatching(/^[a-z]{1,4}$/),
      fc.constantFrom('xn--p1ai', 'xn--a-', 'c0m', 'x'.repeat(64)),
    );
    const near = fc
      .tuple(
        fc.array(atext, { minLength: 1, maxLength: 3 }),
        fc.array(label, { minLength: 1, maxLength: 3 }),
        top,
        fc.option(fc.tuple(fc.nat(), fc.constantFrom('@', '.', '-', '"', '..', 'é')), { freq: 3 }),
      )
      .map(([local, labels, tld, insert]) => {
        const email = `${local.join('.')}@${labels.join('.')}.${tld}`;
        if (!insert) return email;
        const at = insert[0] % (email.length + 1);
        return email.slice(0, at) + insert[1] + email.slice(at);
      });
    let accepted = 0;
    fc.assert(
      fc.property(near, (email) => {
        const r = normaliseEmail(email);
        const ruled = acceptedByRules(email.normalize('NFC').toLowerCase());
        if (r.ok) accepted++;
        expect(r.ok).toBe(ruled);
      }),
      { ...RUNS, numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(500);
  });
});

describe('closestName', () => {
  it('never throws and only ever suggests one of the names', () => {
    fc.assert(
      fc.property(cell, fc.array(cell, { maxLength: 5 }), (value, names) => {
        const suggestion = closestName(value, names);
        if (suggestion !== undefined) expect(names).toContain(suggestion);
      }),
      RUNS,
    );
  });
});
