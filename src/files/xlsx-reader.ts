/**
 * XLSX records. The file is held in memory (it arrives as a stream, but a zip is read from its central
 * directory at the end; the size cap bounds it). Before any row: the zip is checked (declared sizes, ratios,
 * overlapping entries) and every XML part is inflated once, counting real bytes and refusing any DOCTYPE; the
 * reading pass then counts real bytes again. Parts are fed to the XML parser as correctly decoded text.
 */
import type { RawRow } from './csv-reader.ts';
import { FileRefusal } from './errors.ts';
import type { ResolvedOptions } from './options.ts';
import { SharedStrings } from './shared-strings.ts';
import { type SheetContext, sheetRows } from './xlsx-sheet.ts';
import {
  readNumberFormats,
  readRelationships,
  readSharedStrings,
  readWorkbook,
  resolvePart,
  type SheetInfo,
} from './xlsx-workbook.ts';
import { xmlText } from './xml.ts';
import { checkDeclaredSizes, InflateBudget, readZip, type ZipBytes, type ZipEntry } from './zip.ts';

export interface XlsxRecords {
  sheetName: string;
  records: AsyncGenerator<RawRow[]>;
}

type Limits = Pick<
  ResolvedOptions,
  | 'maxInflatedBytes'
  | 'maxCompressionRatio'
  | 'maxSharedStringsBytes'
  | 'sharedStringsInMemory'
  | 'maxColumns'
  | 'sheet'
>;

class Workbook {
  private readonly entries: Map<string, ZipEntry>;
  private readonly budget: InflateBudget;

  constructor(
    private readonly zip: ZipBytes,
    entries: ZipEntry[],
    limit: number,
  ) {
    this.entries = new Map(entries.map((e) => [e.name, e]));
    this.budget = new InflateBudget(limit);
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  text(path: string): AsyncGenerator<string> {
    const entry = this.entries.get(path);
    if (!entry) throw new FileRefusal('invalid_xlsx');
    return xmlText(this.zip, entry, this.budget);
  }
}

function isXmlPart(name: string): boolean {
  return name.endsWith('.xml') || name.endsWith('.rels');
}

/** Inflates every XML part once: real sizes and DOCTYPEs are known before the first row is read. */
async function screen(zip: ZipBytes, xmlParts: ZipEntry[], limit: number): Promise<void> {
  const budget = new InflateBudget(limit);
  for (const entry of xmlParts) {
    for await (const _ of xmlText(zip, entry, budget));
  }
}

/** What kind of zip this is when it holds no workbook: an ODS spreadsheet, or something else. */
function notAWorkbook(names: Set<string>): FileRefusal {
  if (names.has('content.xml') && names.has('mimetype')) {
    return new FileRefusal('unsupported_extension', { extension: '.ods' });
  }
  return new FileRefusal('not_a_spreadsheet', { detected: 'ZIP' });
}

/**
 * Checks and opens a workbook (in memory or in a temporary file), and streams the rows of the sheet to read. The
 * zip's bytes and the shared strings are released when the rows end, are refused, or are left unread.
 */
export async function openXlsx(zip: ZipBytes, limits: Limits): Promise<XlsxRecords> {
  let sharedStrings: SharedStrings | undefined;
  try {
    const entries = readZip(zip);
    const names = new Set(entries.map((e) => e.name));
    // Only XML parts are ever inflated: images and other binaries cannot hurt, whatever their size.
    const xmlParts = entries.filter((e) => isXmlPart(e.name));
    checkDeclaredSizes(xmlParts, limits);
    const book = new Workbook(zip, entries, limits.maxInflatedBytes);
    const rootRels = book.has('_rels/.rels') ? await readRelationships(book.text('_rels/.rels'), '') : [];
    const main = rootRels.find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    if (!book.has(main)) throw notAWorkbook(names);
    await screen(zip, xmlParts, limits.maxInflatedBytes);
    const dir = main.includes('/') ? main.slice(0, main.lastIndexOf('/')) : '';
    const relsPath = `${dir ? `${dir}/` : ''}_rels/${main.slice(dir ? dir.length + 1 : 0)}.rels`;
    const rels = book.has(relsPath) ? await readRelationships(book.text(relsPath), dir) : [];
    const workbook = await readWorkbook(book.text(main), rels);
    const partOf = (suffix: string, fallback: string) =>
      rels.find((r) => r.type.endsWith(suffix))?.target ?? resolvePart(dir, fallback);
    const stylesPath = partOf('/styles', 'styles.xml');
    const stringsPath = partOf('/sharedStrings', 'sharedStrings.xml');
    sharedStrings = book.has(stringsPath)
      ? await readSharedStrings(
          book.text(stringsPath),
          limits.maxSharedStringsBytes,
          limits.sharedStringsInMemory,
        )
      : new SharedStrings();
    const ctx: SheetContext = {
      sharedStrings,
      numberFormat: book.has(stylesPath) ? await readNumberFormats(book.text(stylesPath)) : () => undefined,
      date1904: workbook.date1904,
      maxColumns: limits.maxColumns,
    };
    const { sheetName, records } = await pickSheet(book, workbook.sheets, ctx, limits.sheet);
    return { sheetName, records: closingWith(records, sharedStrings, zip) };
  } catch (e) {
    sharedStrings?.close();
    zip.close();
    throw e;
  }
}

/** The rows, then the strings and bytes released: at the end, on a refusal, or when the reader stops early. */
async function* closingWith(
  records: AsyncGenerator<RawRow[]>,
  strings: SharedStrings,
  zip: ZipBytes,
): AsyncGenerator<RawRow[]> {
  try {
    yield* records;
  } finally {
    strings.close();
    zip.close();
  }
}

/** The named sheet, or the first visible worksheet that has a non-blank row. */
async function pickSheet(
  book: Workbook,
  sheets: SheetInfo[],
  ctx: SheetContext,
  wanted: string | undefined,
): Promise<XlsxRecords> {
  if (wanted !== undefined) {
    const sheet =
      sheets.find((s) => s.name === wanted) ??
      sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase());
    if (!sheet?.path || !book.has(sheet.path)) {
      throw new FileRefusal('sheet_not_found', {
        sheet: wanted,
        sheets: sheets.map((s) => s.name).join(', '),
      });
    }
    return { sheetName: sheet.name, records: sheetRows(book.text(sheet.path), ctx) };
  }
  for (const sheet of sheets) {
    if (sheet.hidden || !sheet.path || !book.has(sheet.path)) continue;
    const records = sheetRows(book.text(sheet.path), ctx);
    const ahead: RawRow[][] = [];
    // Not a for-await loop: leaving one would close the generator still needed for the rest of the rows.
    for (let next = await records.next(); !next.done; next = await records.next()) {
      ahead.push(next.value);
      if (next.value.some((r) => r.cells.some((c) => c.trim() !== ''))) {
        return { sheetName: sheet.name, records: replay(ahead, records) };
      }
    }
  }
  throw new FileRefusal('empty_file');
}

async function* replay(ahead: RawRow[][], rest: AsyncGenerator<RawRow[]>): AsyncGenerator<RawRow[]> {
  try {
    yield* ahead;
    yield* rest;
  } finally {
    await rest.return(undefined);
  }
}
