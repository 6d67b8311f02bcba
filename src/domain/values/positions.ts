import { boundedMemo } from '../memo.ts';
import { fail, ok, type Result } from '../result.ts';
import { cleanText, looseKey } from '../text.ts';

/** The positions a contact can hold, in the order they are stored and shown. */
export const POSITIONS = ['accounting', 'sales', 'buyer', 'finance'] as const;

export type Position = (typeof POSITIONS)[number];

// Words people write for each position, as matching keys (lower case, no accents, no spaces or punctuation),
// in English and French, singular and plural, for the role and for the department.
const WORDS: Record<Position, readonly string[]> = {
  accounting: [
    'accounting',
    'accountant',
    'accountants',
    'accounts',
    'accountspayable',
    'comptable',
    'comptables',
    'comptabilite',
    'comptabilites',
    'compta',
  ],
  sales: [
    'sales',
    'sale',
    'salesperson',
    'salesman',
    'saleswoman',
    'seller',
    'sellers',
    'commercial',
    'commerciale',
    'commerciaux',
    'commerciales',
    'vente',
    'ventes',
    'vendeur',
    'vendeurs',
    'vendeuse',
    'vendeuses',
  ],
  buyer: [
    'buyer',
    'buyers',
    'purchasing',
    'purchase',
    'purchases',
    'procurement',
    'acheteur',
    'acheteurs',
    'acheteuse',
    'acheteuses',
    'achat',
    'achats',
  ],
  finance: ['finance', 'finances', 'financial', 'financier', 'financiers', 'financiere', 'financieres'],
};

const BY_WORD = new Map<string, Position>(
  POSITIONS.flatMap((position) => WORDS[position].map((word) => [word, position] as const)),
);

// "Comptable, Acheteur", "Sales;Finance", "Sales | Buyer", "Achats/Finance", "Comptable et Finance".
const SEPARATORS = /\s*[,;|/&+]\s*|\s+(?:et|and)\s+/iu;

/**
 * Reads a positions cell (English or French, several separated) into distinct positions in a fixed order. A file
 * repeats a handful of such cells on every line: each is read once (see boundedMemo), its result frozen since the
 * lines with that cell share it.
 */
export const normalisePositions: (value: string) => Result<Position[]> = boundedMemo(
  (value) => {
    const result = readPositions(value);
    if (result.ok) Object.freeze(result.value);
    else Object.freeze(Object.freeze(result.error).params);
    return Object.freeze(result);
  },
  { max: 1_000, longest: 200 },
);

function readPositions(value: string): Result<Position[]> {
  const found = new Set<Position>();
  const unknown: string[] = [];
  for (const part of cleanText(value).split(SEPARATORS)) {
    if (part === '') continue;
    const position = BY_WORD.get(looseKey(part));
    if (position) found.add(position);
    else unknown.push(part);
  }
  if (unknown.length > 0) return fail('unknown_position', { value: unknown.join(', ') });
  return ok(POSITIONS.filter((position) => found.has(position)));
}

/** How each position is written in files and screens, per language (these read back as the same position). */
export const POSITION_LABELS: Record<Position, { en: string; fr: string }> = {
  accounting: { en: 'Accounting', fr: 'Comptable' },
  sales: { en: 'Sales', fr: 'Commercial' },
  buyer: { en: 'Buyer', fr: 'Acheteur' },
  finance: { en: 'Finance', fr: 'Finance' },
};
