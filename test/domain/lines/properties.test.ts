import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_FIELDS, validateAssignmentLine } from '../../../src/domain/lines/assignments.ts';
import { CONTACT_FIELDS, validateContactLine } from '../../../src/domain/lines/contacts.ts';
import { CUSTOMER_FIELDS, validateCustomerLine } from '../../../src/domain/lines/customers.ts';
import { type LineContext, LineReader, type LineResult } from '../../../src/domain/lines/types.ts';
import { MESSAGES } from '../../../src/domain/messages/index.ts';
import { cleanText } from '../../../src/domain/text.ts';

const RUNS = { seed: 42, numRuns: 300 };
const CTX: LineContext = { defaultCountry: 'FR' };

// Plausible cells mixed with noise, so that both valid and refused lines are generated.
const cell = fc.oneof(
  fc.constantFrom(
    '',
    '  ',
    'ACME',
    'Société Générale',
    'C-001',
    'Jean.Dupont@Example.FR',
    'a@b',
    '06 12 34 56 78',
    '612345678',
    '12',
    'Comptable, Acheteur',
    'Boss',
    'oui',
    'peut-être',
    'France',
    'Narnia',
    '1000',
    'fr 12 345',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 190, maxLength: 260 }),
);

// Values a person would write in each field, for lines that are mostly valid.
const PLAUSIBLE: Record<string, string[]> = {
  name: ['ACME', ' Société  Générale ', 'Café de la Gare'],
  customerName: ['ACME', ' Société  Générale ', 'Café de la Gare'],
  externalId: ['C-001', ' 42 '],
  customerExternalId: ['C-001', ' 42 '],
  email: ['Jean.Dupont@Example.FR', 'compta+ar@acme.co.uk'],
  accountManager: ['Marie.Curie@Example.com', ' ar@acme.fr '],
  phone: ['06 12 34 56 78', '612345678', '+44 20 7946 0958', '0033 1 42 68 53 00'],
  country: ['France', 'FRA', 'Royaume-Uni', 'be', 'Deutschland'],
  postalCode: ['1000', '75008', 'SW1A 1AA'],
  vatNumber: ['fr 12 345 678 901', 'BE0123.456.789'],
  isMain: ['1', 'oui', 'x', 'non', 'False'],
  positions: ['Comptable, Acheteur', 'Sales', 'finance / ventes'],
  dunningPlan: ['Standard', ' Grands\u00a0comptes '],
};

function cellsOf<F extends string>(fields: readonly F[], plausible: boolean) {
  const arbitrary = (field: string) =>
    plausible
      ? fc.oneof(
          { weight: 20, arbitrary: fc.constantFrom('', ...(PLAUSIBLE[field] ?? ['Some text', ' Dupont '])) },
          { weight: 1, arbitrary: cell },
        )
      : cell;
  return fc.record(
    Object.fromEntries(fields.map((f) => [f, arbitrary(f)])) as Record<F, fc.Arbitrary<string>>,
    {
      requiredKeys: [],
    },
  );
}

// Writes a normalised line back as cells, the way an export of the stored data would.
function asCells(value: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
  );
}

const kinds: [string, readonly string[], (cells: Record<string, string>) => LineResult<object>][] = [
  ['customers', CUSTOMER_FIELDS, (cells) => validateCustomerLine(cells, CTX)],
  ['contacts', CONTACT_FIELDS, (cells) => validateContactLine(cells, CTX)],
  ['assignments', ASSIGNMENT_FIELDS, (cells) => validateAssignmentLine(cells, CTX)],
];

describe.each(kinds)('%s line validator', (_kind, fields, validate) => {
  it('never throws; every error is on a field of the line and has a message in both languages', () => {
    fc.assert(
      fc.property(cellsOf(fields, false), (cells) => {
        const result = validate(cells);
        if (result.ok) return;
        expect(result.errors.length).toBeGreaterThan(0);
        for (const error of result.errors) {
          expect(fields).toContain(error.field);
          expect(error.value).toBe(cells[error.field as keyof typeof cells] ?? '');
          expect(MESSAGES[error.code]?.en).toBeTruthy();
          expect(MESSAGES[error.code]?.fr).toBeTruthy();
        }
      }),
      RUNS,
    );
  });

  it('is idempotent: validating a normalised line written back as cells gives the same line', () => {
    let valid = 0;
    fc.assert(
      fc.property(cellsOf(fields, true), (cells) => {
        const first = validate(cells);
        if (!first.ok) return;
        valid++;
        const { customerNameKey: _n, dunningPlanKey: _d, ...rest } = first.value as Record<string, unknown>;
        expect(validate(asCells(rest))).toEqual(first);
      }),
      RUNS,
    );
    // The generator must produce valid lines for the property to say anything.
    expect(valid).toBeGreaterThan(10);
  });
});

describe('a line reader', () => {
  it('finds a cell given exactly when something is left of it once cleaned', () => {
    // `has` answers without cleaning a cell that starts with a visible ASCII character: the same answer.
    fc.assert(
      fc.property(fc.oneof(cell, fc.string({ unit: 'binary', maxLength: 8 })), (value) => {
        expect(new LineReader({ field: value }).has('field')).toBe(cleanText(value) !== '');
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});
