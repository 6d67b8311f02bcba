/**
 * Matching a file's header row to the fields of an import kind, automatically (by name) or from a mapping a
 * person chose, with the file-level problems that stop an import before any line runs. Names are compared by
 * `looseKey` (case, accents, spaces and punctuation ignored) against each field's English and French labels and
 * aliases. Two columns feeding one field are a problem (`duplicate_header` when their headers are the same,
 * `duplicate_column` otherwise); columns that feed nothing are only listed as ignored, even when their headers
 * repeat, and columns with an empty header are left out of that list.
 */
import { type FieldKey, type ImportKind, importKind } from './import-fields.ts';
import type { Lang } from './messages/types.ts';
import type { CodedError } from './result.ts';
import { cleanText, looseKey, nameKey } from './text.ts';

export interface IgnoredColumn {
  /** 0-based column index in the file. */
  index: number;
  /** The header as written in the file. */
  header: string;
}

export interface HeaderMatch<K extends ImportKind = ImportKind> {
  /** For each file column, the field it feeds, or null when it is ignored. */
  mapping: (FieldKey<K> | null)[];
  /** Named columns that feed no field (columns with an empty header are left out). */
  ignored: IgnoredColumn[];
  /** File-level problems; when there is any, no line may run. */
  problems: CodedError[];
}

/** One choice of a person: a file column (0-based index, or its header) to a field key, or null to ignore it. */
export interface ManualMappingEntry {
  column: number | string;
  field: string | null;
}

export type ManualMapping = readonly ManualMappingEntry[];

const indexCache = new Map<ImportKind, Map<string, string>>();

/** looseKey of every label and alias of a kind, to its field key. */
function aliasIndex(kind: ImportKind): Map<string, string> {
  const cached = indexCache.get(kind);
  if (cached) return cached;
  const index = new Map<string, string>();
  for (const field of importKind(kind).fields) {
    for (const name of [field.label.en, field.label.fr, ...field.aliases]) {
      const key = looseKey(name);
      const taken = index.get(key);
      // A catalogue bug, not an input problem: two fields of a kind must never share a name.
      if (taken && taken !== field.key) throw new Error(`${kind}: "${name}" names ${taken} and ${field.key}`);
      index.set(key, field.key);
    }
  }
  indexCache.set(kind, index);
  return index;
}

/** The field a header names in a kind (case, accents, spaces and punctuation ignored), or null. */
export function fieldForHeader<K extends ImportKind>(kind: K, header: string): FieldKey<K> | null {
  const key = looseKey(header);
  if (key === '') return null;
  return (aliasIndex(kind).get(key) as FieldKey<K> | undefined) ?? null;
}

/** Matches every column of a header row to a field by name; unmatched columns are ignored. */
export function matchHeaders<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
  lang: Lang,
): HeaderMatch<K> {
  const mapping = headers.map((h) => fieldForHeader(kind, h));
  return finish(kind, headers, mapping, lang, []);
}

/**
 * Applies a person's mapping instead of the automatic one: columns it does not mention are ignored. It is
 * checked like the automatic one, plus unknown fields and columns.
 */
export function applyManualMapping<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
  manual: ManualMapping,
  lang: Lang,
): HeaderMatch<K> {
  const mapping: (FieldKey<K> | null)[] = headers.map(() => null);
  const problems: CodedError[] = [];
  const chosen = new Set<number>();
  const fields = new Set<string>(importKind(kind).fields.map((f) => f.key));
  for (const entry of manual) {
    const index = resolveColumn(headers, entry.column);
    if (typeof index !== 'number') {
      problems.push(index);
      continue;
    }
    if (chosen.has(index)) {
      problems.push({ code: 'ambiguous_column', params: { column: headerName(headers, index) } });
      continue;
    }
    chosen.add(index);
    if (entry.field === null) continue;
    if (!fields.has(entry.field)) {
      problems.push({ code: 'unknown_field', params: { field: entry.field } });
      continue;
    }
    mapping[index] = entry.field as FieldKey<K>;
  }
  return finish(kind, headers, mapping, lang, problems);
}

/** The column index an entry designates, or the problem when it designates none or several. */
function resolveColumn(headers: readonly string[], column: number | string): number | CodedError {
  if (typeof column === 'number') {
    if (Number.isInteger(column) && column >= 0 && column < headers.length) return column;
    return { code: 'unknown_column', params: { column: String(column) } };
  }
  const exact = indicesWhere(headers, (h) => h === column);
  const found = exact.length > 0 ? exact : indicesWhere(headers, (h) => nameKey(h) === nameKey(column));
  if (found.length === 1) return found[0]!;
  return { code: found.length === 0 ? 'unknown_column' : 'ambiguous_column', params: { column } };
}

function indicesWhere(headers: readonly string[], test: (header: string) => boolean): number[] {
  const out: number[] = [];
  headers.forEach((h, i) => {
    if (test(h)) out.push(i);
  });
  return out;
}

function headerName(headers: readonly string[], index: number): string {
  return headers[index] ?? String(index);
}

/** Lists ignored columns and adds the duplicate and missing-column problems of a mapping. */
function finish<K extends ImportKind>(
  kind: K,
  headers: readonly string[],
  mapping: (FieldKey<K> | null)[],
  lang: Lang,
  problems: CodedError[],
): HeaderMatch<K> {
  const def = importKind(kind);
  const label = (key: FieldKey<K>) => def.fields.find((f) => f.key === key)?.label[lang] ?? key;
  const ignored: IgnoredColumn[] = [];
  const firstColumn = new Map<FieldKey<K>, number>();
  mapping.forEach((field, index) => {
    const header = headerName(headers, index);
    if (field === null) {
      // Blank as a cell is blank (spaces, invisible marks): a person sees no column name to list.
      if (cleanText(header) !== '') ignored.push({ index, header });
      return;
    }
    const first = firstColumn.get(field);
    if (first === undefined) {
      firstColumn.set(field, index);
      return;
    }
    const firstHeader = headerName(headers, first);
    problems.push(
      nameKey(firstHeader) === nameKey(header)
        ? { code: 'duplicate_header', params: { header, field: label(field) } }
        : { code: 'duplicate_column', params: { first: firstHeader, second: header, field: label(field) } },
    );
  });
  for (const field of def.fields) {
    if (field.required && !firstColumn.has(field.key)) {
      problems.push({ code: 'missing_required_column', params: { field: label(field.key) } });
    }
  }
  for (const group of def.requiredOneOf) {
    if (!group.some((key) => firstColumn.has(key))) {
      const or = lang === 'fr' ? ' ou ' : ' or ';
      problems.push({ code: 'missing_required_column', params: { field: group.map(label).join(or) } });
    }
  }
  return { mapping, ignored, problems };
}

/**
 * A stable signature of a header row, to remember a mapping for the next file with the same headers. Case,
 * accents and spacing do not change it; trailing empty headers (spreadsheets add them) neither.
 */
export function headerSignature(headers: readonly string[]): string {
  const keys = headers.map(nameKey);
  while (keys.length > 0 && keys[keys.length - 1] === '') keys.pop();
  return `h1-${keys.length}-${fnv1a64(keys.join('\u001f'))}`;
}

/** 64-bit FNV-1a of the UTF-16 code units, as 16 hex digits: short, stable, dependency-free. */
function fnv1a64(text: string): string {
  const mask = (1n << 64n) - 1n;
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & mask;
  }
  return hash.toString(16).padStart(16, '0');
}
