/**
 * Formula-injection neutralisation of every cell Clientele writes, and its exact inverse on read.
 *
 * A spreadsheet may run a cell that starts with `=` `+` `-` `@`, a tab or a carriage return. Such a cell is
 * written with a leading apostrophe (OWASP's recommendation): `=SUM(A1)` -> `'=SUM(A1)`, `-12.50` -> `'-12.50`.
 * To keep this reversible, a value that already is apostrophes followed by one of those characters gets one
 * more: `'=x` -> `''=x`. Reading removes exactly one apostrophe from a value made of one or more apostrophes
 * followed by a trigger character, so every value written reads back unchanged; other values (`'quoted`,
 * `l'addition`) are never touched in either direction.
 */

const NEEDS_GUARD = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

/** The value as written to a file: guarded with an apostrophe when a spreadsheet could run it. */
export function neutralise(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

/** The value as it was before `neutralise` (the inverse for every string). */
export function unneutralise(value: string): string {
  return value.charCodeAt(0) === 39 && GUARDED.test(value) ? value.slice(1) : value;
}
