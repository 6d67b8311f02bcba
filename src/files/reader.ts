/**
 * Reading an uploaded file: bytes in, a header row and a stream of rows out, in bounded memory.
 *
 * - Format from content first (magic bytes), then the extension: `.csv`/`.txt`/`.tsv` text or `.xlsx`.
 * - Text encoding: BOM (UTF-8, UTF-16 LE/BE), UTF-16 without BOM recognised by its zero bytes, else UTF-8
 *   when the first 64 KB are valid UTF-8, else Windows-1252 (`detect.ts`). Mixed encodings: `decode.ts`.
 * - XLSX: read at random offsets, in memory when given whole or up to `xlsxInMemory` bytes, else from a temporary
 *   file (`temp-file.ts`); checked before any row is read (`xlsx-reader.ts`).
 * - The header is the first non-blank row; `header.line` is where it is.
 * - `rows` yields every row after the header, in order, each with its 1-based line as a spreadsheet (for CSV,
 *   a text editor) shows it. Blank rows (every cell empty or spaces) are yielded too, as
 *   `{ line, cells: [], blank: true }`, so the pipeline can count them.
 * - Refusals are thrown as `FileRefusal` (`code` + `params`), from `openSpreadsheet` or while iterating
 *   `rows`: a refusal met late in the file surfaces when the reading gets there. `scanFile` reads the whole
 *   file once and returns the first refusal as a value, so nothing is applied from a half-readable file.
 */
import type { CodedError } from '../domain/result.ts';
import { type ByteInput, ByteSource } from './byte-source.ts';
import { type CsvInfo, csvRecords } from './csv-reader.ts';
import { type DecodeState, decodeChunks } from './decode.ts';
import { sniffFile } from './detect.ts';
import { isFileRefusal } from './errors.ts';
import {
  type Delimiter,
  type FileFormat,
  type ReadOptions,
  resolveOptions,
  type TextEncoding,
} from './options.ts';
import { type HeaderRow, type SheetRow, startTable } from './table.ts';
import { openXlsx } from './xlsx-reader.ts';
import { zipInFile, zipInMemory } from './zip.ts';

export type { ByteInput } from './byte-source.ts';
export type { HeaderRow, SheetRow } from './table.ts';

export interface OpenedFile {
  format: FileFormat;
  /** CSV: the encoding being decoded (it may turn from 'utf-8' to 'windows-1252' while reading); XLSX: null. */
  readonly encoding: TextEncoding | null;
  /** CSV only. */
  delimiter: Delimiter | null;
  /** XLSX only: the sheet read. */
  sheetName: string | null;
  header: HeaderRow;
  /** Single use. Leaving the loop early releases the input. */
  rows: AsyncGenerator<SheetRow>;
  /** The same rows in the batches they were read in: single use, read instead of `rows`. */
  batches: AsyncGenerator<SheetRow[]>;
  /** Releases the input when the rows will not be read to the end. */
  close(): Promise<void>;
}

const SAMPLE_BYTES = 64 * 1024;

/** Opens a file: detects what it is, reads up to its first data row and returns the rest as a stream. */
export async function openSpreadsheet(
  input: ByteInput,
  fileName: string,
  options?: ReadOptions,
): Promise<OpenedFile> {
  const opts = resolveOptions(options);
  const source = new ByteSource(input, opts.maxBytes);
  try {
    const sniffed = sniffFile(await source.peek(SAMPLE_BYTES), fileName, opts.encoding);
    if (sniffed.format === 'xlsx') {
      const bytes = await source.readAllOrSpill(opts.xlsxInMemory);
      const { sheetName, records } = await openXlsx(
        Buffer.isBuffer(bytes) ? zipInMemory(bytes) : zipInFile(bytes),
        opts,
      );
      const { header, rows, batches } = await startTable(records, opts.maxColumns);
      const close = async () => {
        await rows.return(undefined);
        await batches.return(undefined);
      };
      return { format: 'xlsx', encoding: null, delimiter: null, sheetName, header, rows, batches, close };
    }
    const state: DecodeState = { encoding: sniffed.encoding };
    const info: CsvInfo = { layout: null };
    const texts = decodeChunks(source.chunks(), state, sniffed.bomLength);
    const { header, rows, batches } = await startTable(csvRecords(texts, info, opts, state), opts.maxColumns);
    return {
      format: 'csv',
      get encoding() {
        return state.encoding;
      },
      delimiter: info.layout?.delimiter ?? null,
      sheetName: null,
      header,
      rows,
      batches,
      close: async () => {
        await rows.return(undefined);
        await batches.return(undefined);
        await source.close();
      },
    };
  } catch (error) {
    await source.close();
    throw error;
  }
}

/** What a full pass over a file found. */
export interface ScanReport {
  format: FileFormat | null;
  encoding: TextEncoding | null;
  delimiter: Delimiter | null;
  sheetName: string | null;
  header: HeaderRow | null;
  dataRows: number;
  blankRows: number;
  /** Line of the last row read. */
  lastLine: number;
  /** The refusal that stops the file, if any (then the counts are those read before it). */
  refusal: CodedError | null;
}

/** Reads a whole file once and reports its layout, its row counts and the first refusal, as a value. */
export async function scanFile(
  input: ByteInput,
  fileName: string,
  options?: ReadOptions,
): Promise<ScanReport> {
  const report: ScanReport = {
    format: null,
    encoding: null,
    delimiter: null,
    sheetName: null,
    header: null,
    dataRows: 0,
    blankRows: 0,
    lastLine: 0,
    refusal: null,
  };
  let file: OpenedFile | null = null;
  try {
    file = await openSpreadsheet(input, fileName, options);
    Object.assign(report, { format: file.format, delimiter: file.delimiter, sheetName: file.sheetName });
    report.header = file.header;
    report.lastLine = file.header.line;
    for await (const row of file.rows) {
      if (row.blank) report.blankRows++;
      else report.dataRows++;
      report.lastLine = row.line;
    }
  } catch (error) {
    if (!isFileRefusal(error)) throw error;
    report.refusal = error.toCodedError();
    report.header ??= error.header ?? null;
  } finally {
    if (file) report.encoding = file.encoding;
  }
  return report;
}
