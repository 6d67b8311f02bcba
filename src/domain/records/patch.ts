import type { LineError } from '../lines/types.ts';
import type { Result } from '../result.ts';
import { cleanText } from '../text.ts';

/** How to normalise one field of a hand-edited record. */
export type FieldRule = (value: string) => Result<unknown>;

/** A validated patch: values to set and fields to clear (null), or every field's error. */
export type PatchResult<F extends string> =
  | { ok: true; set: Partial<Record<F, unknown>>; clear: F[] }
  | { ok: false; errors: LineError[] };

/**
 * Validates a patch typed by a person or an API client: a string sets the field (normalised by its rule),
 * null or an empty string clears it, an absent key leaves it. Required fields cannot be cleared.
 * Unlike an import line, a hand edit may erase a value: that is the person's explicit choice.
 */
export function validatePatch<F extends string>(
  input: Partial<Record<F, string | null>>,
  rules: Record<F, FieldRule>,
  required: readonly F[] = [],
): PatchResult<F> {
  const set: Partial<Record<F, unknown>> = {};
  const clear: F[] = [];
  const errors: LineError[] = [];
  for (const field of Object.keys(rules) as F[]) {
    if (!(field in input)) continue;
    const raw = input[field];
    const rule = rules[field];
    if (raw === undefined) continue;
    if (raw === null || cleanText(raw) === '') {
      if (required.includes(field))
        errors.push({ field, code: 'missing_required', params: { field }, value: '' });
      else clear.push(field);
      continue;
    }
    const r = rule(raw);
    if (r.ok) set[field] = r.value;
    else
      errors.push({
        field,
        code: r.error.code,
        value: raw,
        ...(r.error.params ? { params: r.error.params as Record<string, string | number> } : {}),
      });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, set, clear };
}
