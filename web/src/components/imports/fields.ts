import { IMPORT_FIELDS, IMPORT_KINDS } from '../../../../src/domain/import-fields.ts';
import type { ImportKind, Lang } from '../../api/types.ts';

export { IMPORT_KINDS };

/** True when a route parameter names an import kind. */
export function isKind(v: string | undefined): v is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(v ?? '');
}

/** The label of a field of a kind in a language (the template's column name); the key when unknown. */
export function fieldLabel(kind: ImportKind, key: string, lang: Lang): string {
  const f = IMPORT_FIELDS[kind].fields.find((x) => x.key === key);
  return f ? f.label[lang] : key;
}

/** The fields of a kind, in template order, with their label, description and whether they are required. */
export function kindFields(kind: ImportKind, lang: Lang) {
  return IMPORT_FIELDS[kind].fields.map((f) => ({
    key: f.key as string,
    label: f.label[lang],
    description: f.description[lang],
    required: f.required,
  }));
}

/** What the file must have: single required fields and "one of" groups, each with its labels. */
export function requirements(kind: ImportKind, lang: Lang): { keys: string[]; label: string }[] {
  const def = IMPORT_FIELDS[kind];
  const or = lang === 'fr' ? ' ou ' : ' or ';
  return [
    ...def.requiredOneOf.map((group) => ({
      keys: group as readonly string[] as string[],
      label: group.map((k) => fieldLabel(kind, k, lang)).join(or),
    })),
    ...def.fields.filter((f) => f.required).map((f) => ({ keys: [f.key as string], label: f.label[lang] })),
  ];
}

export interface MappingCheck {
  /** Requirements no column answers. */
  missing: string[];
  /** For a column whose field another column also has: the other column's header. */
  duplicateOf: (string | null)[];
}

/** Checks a mapping as the person edits it, before the server sees it. */
export function checkMapping(
  kind: ImportKind,
  lang: Lang,
  headers: string[],
  mapping: (string | null)[],
): MappingCheck {
  const mapped = new Set(mapping.filter((m): m is string => m !== null));
  const missing = requirements(kind, lang)
    .filter((r) => !r.keys.some((k) => mapped.has(k)))
    .map((r) => r.label);
  const duplicateOf = mapping.map((field, i) => {
    if (field === null) return null;
    const other = mapping.findIndex((f, j) => j !== i && f === field);
    return other === -1 ? null : (headers[other] ?? String(other + 1));
  });
  return { missing, duplicateOf };
}
