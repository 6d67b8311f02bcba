/** The files layer: bytes <-> rows. Reading (CSV, XLSX), writing (CSV, XLSX, error files) and templates. */
export type { ByteInput } from './byte-source.ts';
export { type CsvWriteOptions, collect, formatCsvRow, type Quoting, writeCsv } from './csv-writer.ts';
export { type RefusedLine, writeErrorFile } from './error-file.ts';
export { FileRefusal, type FileRefusalCode, isFileRefusal } from './errors.ts';
export { neutralise, unneutralise } from './neutralise.ts';
export {
  DEFAULT_LIMITS,
  DELIMITERS,
  type Delimiter,
  type FileFormat,
  type ReadOptions,
  type TextEncoding,
} from './options.ts';
export {
  type HeaderRow,
  type OpenedFile,
  openSpreadsheet,
  type ScanReport,
  type SheetRow,
  scanFile,
} from './reader.ts';
export { templateCsv, templateFileName, templateHeader, templateXlsx } from './templates.ts';
export { writeXlsx, type XlsxSheet, xlsxBuffer } from './xlsx-writer.ts';
