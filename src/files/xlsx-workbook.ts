/**
 * The workbook-level parts of an XLSX: relationships, the sheet list, shared strings, and the number format
 * of each cell style (parsed by ExcelJS's WorkbookReader). Elements are matched by local name, so files whose
 * writer prefixes every element (`x:sheet`) read the same.
 */
import { Readable } from 'node:stream';
import { FileRefusal, formatSize } from './errors.ts';
import { SharedStrings } from './shared-strings.ts';
import { decodeXString, eachEvent, localName } from './xml.ts';

export interface Relationship {
  id: string;
  type: string;
  /** Resolved to a path inside the zip. */
  target: string;
}

export interface SheetInfo {
  name: string;
  hidden: boolean;
  /** Path of its part inside the zip, or null when it is not a worksheet (a chart sheet). */
  path: string | null;
}

export interface WorkbookInfo {
  sheets: SheetInfo[];
  date1904: boolean;
}

/** Resolves a relationship target against the folder of the part that declares it. */
export function resolvePart(baseDir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : `${baseDir}/${target}`).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** The relationships of a `.rels` part; `baseDir` is the folder of the part they belong to. */
export async function readRelationships(
  texts: AsyncIterable<string>,
  baseDir: string,
): Promise<Relationship[]> {
  const rels: Relationship[] = [];
  await eachEvent(texts, (e) => {
    if (e.eventType !== 'opentag' || localName(e.value.name) !== 'Relationship') return;
    const { Id = '', Type = '', Target = '', TargetMode } = e.value.attributes;
    if (TargetMode === 'External') return;
    rels.push({ id: Id, type: Type, target: resolvePart(baseDir, Target) });
  });
  return rels;
}

function attribute(attributes: Record<string, string>, local: string): string | undefined {
  for (const [key, value] of Object.entries(attributes)) {
    if (localName(key) === local) return value;
  }
  return undefined;
}

/** The sheets of `workbook.xml` in workbook order, their parts found through the workbook's relationships. */
export async function readWorkbook(
  texts: AsyncIterable<string>,
  rels: Relationship[],
): Promise<WorkbookInfo> {
  const info: WorkbookInfo = { sheets: [], date1904: false };
  await eachEvent(texts, (e) => {
    if (e.eventType !== 'opentag') return;
    const name = localName(e.value.name);
    if (name === 'workbookPr') {
      const v = attribute(e.value.attributes, 'date1904');
      info.date1904 = v === '1' || v === 'true';
    } else if (name === 'sheet') {
      const rel = rels.find((r) => r.id === attribute(e.value.attributes, 'id'));
      const state = attribute(e.value.attributes, 'state');
      info.sheets.push({
        name: attribute(e.value.attributes, 'name') ?? '',
        hidden: state === 'hidden' || state === 'veryHidden',
        path: rel && /\/worksheet$/.test(rel.type) ? rel.target : null,
      });
    }
  });
  return info;
}

/**
 * The shared strings, as text (rich text runs joined, phonetic guides left out); past `inMemory` bytes they are
 * kept in a temporary file (see SharedStrings).
 */
export async function readSharedStrings(
  texts: AsyncIterable<string>,
  maxBytes: number,
  inMemory: number,
): Promise<SharedStrings> {
  const strings = new SharedStrings(inMemory);
  let current: string | null = null;
  let inT = false;
  let inPhonetic = false;
  let size = 0;
  try {
    await eachEvent(texts, (e) => {
      const name = e.eventType === 'text' ? '' : localName(e.value.name);
      if (e.eventType === 'opentag') {
        if (name === 'si') current = '';
        else if (name === 'rPh') inPhonetic = true;
        else if (name === 't' && !inPhonetic) inT = true;
      } else if (e.eventType === 'closetag') {
        if (name === 'si') {
          // Copied into the strings' buffer: nothing keeps the chunk of XML it was cut from alive.
          strings.push(decodeXString(current ?? ''));
          size += (current ?? '').length;
          if (size > maxBytes) throw new FileRefusal('xlsx_too_large', { limit: formatSize(maxBytes) });
          current = null;
        } else if (name === 'rPh') inPhonetic = false;
        else if (name === 't') inT = false;
      } else if (inT && current !== null) current += e.value;
    });
  } catch (e) {
    // A refused or broken part: the file the strings may have gone to is released now.
    strings.close();
    throw e;
  }
  return strings;
}

interface WorkbookReaderInternals {
  _parseStyles(entry: Readable): Promise<void>;
  styles: { getStyleModel(id: number): { numFmt?: string } | null };
}

/** For each cell style index, its number format code, read by ExcelJS's styles parser. */
export async function readNumberFormats(
  texts: AsyncIterable<string>,
): Promise<(style: number) => string | undefined> {
  // Loaded here, not with the module: a CSV import never needs ExcelJS (about 25 MB of memory).
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    styles: 'cache',
  }) as unknown as WorkbookReaderInternals;
  try {
    await reader._parseStyles(Readable.from(texts));
  } catch (error) {
    if (error instanceof FileRefusal) throw error;
    throw new FileRefusal('invalid_xlsx');
  }
  const cache = new Map<number, string | undefined>();
  return (style) => {
    if (!cache.has(style)) cache.set(style, reader.styles.getStyleModel(style)?.numFmt);
    return cache.get(style);
  };
}
