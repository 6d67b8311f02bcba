import type { Result } from '../result.ts';
import { cleanText } from '../text.ts';

/** One refused cell of a line: the field key, a stable code, the message parameters and the value as read. */
export interface LineError {
  field: string;
  code: string;
  params?: Record<string, string | number>;
  value: string;
}

/** A validated line, or every error found in it (never only the first). */
export type LineResult<T> = { ok: true; value: T } | { ok: false; errors: LineError[] };

/** What a line's validation needs to know about the organization. */
export interface LineContext {
  /** ISO alpha-2 country used to read phone numbers written without their country code. */
  defaultCountry: string;
}

/** Builds a line error, leaving out parameters that have no value. */
export function lineError(
  field: string,
  code: string,
  value: string,
  params?: Record<string, string | number | undefined>,
): LineError {
  const defined = Object.entries(params ?? {}).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined,
  );
  return defined.length > 0
    ? { field, code, value, params: Object.fromEntries(defined) }
    : { field, code, value };
}

/**
 * Reads the cells of one line while collecting every error. An empty cell (after cleaning) is "not given":
 * it yields undefined, so that an import never erases stored data with an empty cell.
 */
export class LineReader<F extends string> {
  readonly errors: LineError[] = [];

  constructor(private readonly cells: Partial<Record<F, string>>) {}

  /** The raw cell, or '' when the line has no such column. */
  raw(field: F): string {
    return this.cells[field] ?? '';
  }

  /** True when the cell holds something once cleaned. */
  has(field: F): boolean {
    return holdsSomething(this.raw(field));
  }

  /** The normalised value of a cell, undefined when it is empty or invalid (its error is recorded). */
  optional<T>(field: F, normalise: (value: string) => Result<T>): T | undefined {
    // The cell read once: a keyed read of the line's cells for each of has, raw and the error took its share of
    // every line's checking.
    const value = this.raw(field);
    return holdsSomething(value) ? this.normalised(field, value, normalise) : undefined;
  }

  /** Like `optional`, and an empty cell is a `missing_required` error. */
  required<T>(field: F, normalise: (value: string) => Result<T>): T | undefined {
    const value = this.raw(field);
    if (holdsSomething(value)) return this.normalised(field, value, normalise);
    this.errors.push(lineError(field, 'missing_required', value, { field }));
    return undefined;
  }

  private normalised<T>(field: F, value: string, normalise: (value: string) => Result<T>): T | undefined {
    const result = normalise(value);
    if (result.ok) return result.value;
    this.errors.push(lineError(field, result.error.code, value, result.error.params));
    return undefined;
  }

  /** Records an error that is about the line rather than one cell's format. */
  fail(field: F, code: string, params?: Record<string, string | number | undefined>): void {
    this.errors.push(lineError(field, code, this.raw(field), params));
  }
}

/** True when a cell holds something once cleaned. */
function holdsSomething(value: string): boolean {
  if (value.length === 0) return false;
  // A cell starting with a visible ASCII character holds something: no need to clean it (an import asks this of
  // every cell of every line, and cleaning checks the whole value with a regular expression).
  const first = value.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return true;
  return cleanText(value) !== '';
}

/** Removes the keys whose value is undefined, so "not given" is an absent key and lines compare simply. */
export function dropUndefined<T extends object>(value: T): T {
  // A plain loop: this runs on every line of an import, and the entries/filter/fromEntries chain allocated three
  // arrays per line.
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = value[key];
    if (v !== undefined) out[key] = v;
  }
  return out as T;
}
