import type { ImportKind } from '../domain/import-fields.ts';
import type { Lang } from '../domain/messages/types.ts';
import { templateCsv, templateFileName, templateXlsx } from '../files/templates.ts';

export interface RenderTemplateInput {
  kind: ImportKind;
  format: 'csv' | 'xlsx';
  lang: Lang;
}

export interface RenderedFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The import template of a kind, in a format and language, ready to download. */
export async function renderTemplate({ kind, format, lang }: RenderTemplateInput): Promise<RenderedFile> {
  const body = format === 'csv' ? await templateCsv(kind, lang) : await templateXlsx(kind, lang);
  return { fileName: templateFileName(kind, lang, format), contentType: CONTENT_TYPES[format], body };
}
