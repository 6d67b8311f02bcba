import { fail, ok, type Result } from '../result.ts';
import { nameKey } from '../text.ts';

const TRUE_WORDS = new Set(['1', 'yes', 'y', 'oui', 'o', 'true', 'vrai', 'x']);
const FALSE_WORDS = new Set(['0', 'no', 'n', 'non', 'false', 'faux']);

/** Reads a main-contact cell: yes-like words are true, no-like words false, an empty cell is "not set". */
export function normaliseMainContactFlag(value: string): Result<boolean | undefined> {
  const word = nameKey(value);
  if (word === '') return ok(undefined);
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail('invalid_main_contact_flag', { value: value.trim() });
}
