/**
 * Import templates: for each kind, a CSV (header only; "," in English, ";" in French as French Excel expects)
 * and an XLSX whose first sheet has the headers and whose second sheet explains each column.
 */
import { type ImportKind, importKind } from '../domain/import-fields.ts';
import type { Lang } from '../domain/messages/types.ts';
import { collect, writeCsv } from './csv-writer.ts';
import type { Delimiter } from './options.ts';
import { xlsxBuffer } from './xlsx-writer.ts';

const SHEET_NAMES: Record<ImportKind, Record<Lang, string>> = {
  customers: { en: 'Customers', fr: 'Clients' },
  contacts: { en: 'Contacts', fr: 'Contacts' },
  assignments: { en: 'Assignments', fr: 'Assignations' },
  invoices: { en: 'Invoices', fr: 'Factures' },
};

const GUIDE = {
  en: { sheet: 'Columns', header: ['Column', 'Required', 'Description', 'Example'], yes: 'Yes', no: 'No' },
  fr: {
    sheet: 'Colonnes',
    header: ['Colonne', 'Obligatoire', 'Description', 'Exemple'],
    yes: 'Oui',
    no: 'Non',
  },
} as const;

/** The template's headers: the field labels, in template order. */
export function templateHeader(kind: ImportKind, lang: Lang): string[] {
  return importKind(kind).fields.map((f) => f.label[lang]);
}

/** The delimiter of CSV templates in a language. */
export function templateDelimiter(lang: Lang): Delimiter {
  return lang === 'fr' ? ';' : ',';
}

/** The CSV template of a kind. */
export function templateCsv(kind: ImportKind, lang: Lang): Promise<Buffer> {
  return collect(writeCsv(templateHeader(kind, lang), [], { delimiter: templateDelimiter(lang) }));
}

/** One line of the explanation sheet per column: label, required or not, description, example. */
export function templateGuide(kind: ImportKind, lang: Lang): string[][] {
  const def = importKind(kind);
  const words = GUIDE[lang];
  return def.fields.map((field) => {
    const group = def.requiredOneOf.find((g) => (g as readonly string[]).includes(field.key));
    let required: string = field.required ? words.yes : words.no;
    if (group) {
      const others = group
        .filter((k) => k !== field.key)
        .map((k) => def.fields.find((f) => f.key === k)?.label[lang]);
      required = lang === 'fr' ? `Oui, ou « ${others.join(' », « ')} »` : `Yes, or "${others.join('", "')}"`;
    }
    return [field.label[lang], required, field.description[lang], field.example];
  });
}

/** The XLSX template of a kind: the headers, then a sheet explaining each column. */
export function templateXlsx(kind: ImportKind, lang: Lang): Promise<Buffer> {
  const header = templateHeader(kind, lang);
  return xlsxBuffer([
    {
      name: SHEET_NAMES[kind][lang],
      header,
      rows: [],
      widths: header.map((h) => Math.max(14, h.length + 4)),
    },
    {
      name: GUIDE[lang].sheet,
      header: [...GUIDE[lang].header],
      rows: templateGuide(kind, lang),
      widths: [30, 28, 80, 28],
    },
  ]);
}

/** The file name a template is downloaded as. */
export function templateFileName(kind: ImportKind, lang: Lang, format: 'csv' | 'xlsx'): string {
  return `clientele-${kind}-template-${lang}.${format}`;
}
