import { BINARY_ELEMENT_TYPES, type BinaryElementType, binaryArray } from './pg-binary-array.ts';

/**
 * Array parameters written as PostgreSQL array literals here, in one pass, instead of by `pg`: its serializer
 * runs two regular-expression replacements and two concatenations for every element, then appends each to a
 * growing string, about a tenth of the garbage an import made per line. The literal means the same to the server
 * (`$n::text[]`, `$n::uuid[]`, `$n::int[]`, `$n::boolean[]`, `$n::jsonb[]`). The import's columns of text, ids,
 * integers and booleans go in binary instead (`columnParams`, pg-binary-array.ts), which the server reads faster.
 */

/** An element; an object (a jsonb value) is written as its JSON text. */
export type ArrayElement = string | number | boolean | object | null | undefined;

const SPECIALS = /["\\]/g;

/**
 * Whether a value holds a quote or a backslash, the characters an element escapes. Two native scans: a regular
 * expression's test costs twice as much per call on values this short, and runs for every value of every batch
 * (about 14 million per million-line import).
 */
function special(value: string): boolean {
  return value.includes('"') || value.includes('\\');
}

function quoted(value: string): string {
  return special(value) ? `"${value.replace(SPECIALS, '\\$&')}"` : `"${value}"`;
}

/** The array literal of these values (null and undefined are NULL; every other element is quoted). */
export function pgArray(values: readonly ArrayElement[]): string {
  if (values.length === 0) return '{}';
  // Most arrays of a batch are text without quotes or backslashes, or identifiers: one join.
  let plain = true;
  for (const v of values) {
    if (typeof v !== 'string' || special(v)) {
      plain = false;
      break;
    }
  }
  if (plain) return `{"${(values as readonly string[]).join('","')}"}`;
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] =
      v === null || v === undefined
        ? 'NULL'
        : typeof v === 'string'
          ? quoted(v)
          : typeof v === 'object'
            ? // JSON text holds no control character nor lone surrogate (JSON.stringify escapes them), so quoting it
              // as a JSON string escapes exactly its quotes and backslashes: the array element, natively.
              JSON.stringify(JSON.stringify(v))
            : `"${v}"`;
  }
  return `{${parts.join(',')}}`;
}

/** Rows sent as one array parameter per column: the columns' names and their element types, in order. */
export interface ArrayColumns {
  names: readonly string[];
  types: readonly string[];
}

/** The same columns with one more at the end. */
export function withColumn(arrays: ArrayColumns, name: string, type: string): ArrayColumns {
  return { names: [...arrays.names, name], types: [...arrays.types, type] };
}

/** An array parameter: a literal, or the array in binary (see pg-binary-array.ts). */
export type ArrayParam = string | Buffer;

/**
 * The parameters of `columns` (one array of values per column of `arrays`, in order): binary arrays for the types
 * `binaryArray` writes, literals for the others (dates, amounts).
 */
export function columnParams(arrays: ArrayColumns, columns: readonly ArrayElement[][]): ArrayParam[] {
  return columns.map((values, i) => {
    const type = arrays.types[i];
    return type !== undefined && Object.hasOwn(BINARY_ELEMENT_TYPES, type)
      ? binaryArray(type as BinaryElementType, values)
      : pgArray(values);
  });
}

/**
 * The rows of those array parameters, from `$first` on, as `alias(names…)`: each array unnested in the select list
 * of a subquery (`select unnest($first::type[]) as name, …`), which PostgreSQL runs in step, row by row. The same
 * rows as `unnest($first::type[], …)` in FROM, which first copies every row into a tuple store and then reads them
 * back: about 2% of a first import's backend (`perf`, docs/performance.md).
 */
export function unnestOf(arrays: ArrayColumns, first: number, alias: string): string {
  const columns = arrays.types
    .map((t, i) => `unnest($${first + i}::${t}[]) as ${arrays.names[i]}`)
    .join(', ');
  return `(select ${columns}) as ${alias}`;
}
