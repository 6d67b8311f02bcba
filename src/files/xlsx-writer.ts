/**
 * XLSX output for exports and templates, with ExcelJS's streaming WorkbookWriter. Every cell is a string
 * (so "00123" and "+33..." stay as typed), neutralised against formula injection like CSV cells, and escaped
 * the OOXML way (`_xHHHH_`) where XML cannot carry a character (control characters, CR), which the reader undoes.
 */
import { PassThrough, type Writable } from 'node:stream';
import { neutralise } from './neutralise.ts';
import { encodeXString } from './xml.ts';

export interface XlsxSheet {
  /** At most 31 characters, none of : \ / ? * [ ] (Excel's rule). */
  name: string;
  header: readonly string[];
  rows: Iterable<readonly string[]> | AsyncIterable<readonly string[]>;
  /** Column widths in characters. */
  widths?: readonly number[];
}

function cellValue(value: string): string {
  return encodeXString(neutralise(value));
}

/** Writes a workbook to a stream; resolves once the stream has received all of it. */
export async function writeXlsx(output: Writable, sheets: readonly XlsxSheet[]): Promise<void> {
  // Loaded on first use, not with the module: most commands and imports never write a workbook.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true });
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name);
    if (sheet.widths) worksheet.columns = sheet.widths.map((width) => ({ width }));
    const header = worksheet.addRow(sheet.header.map(cellValue));
    header.font = { bold: true };
    header.commit();
    let count = 0;
    for await (const row of sheet.rows) {
      worksheet.addRow(row.map(cellValue)).commit();
      // Lets the zip stream drain now and then, so a long export does not pile up in memory.
      if (++count % 1000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    worksheet.commit();
  }
  await workbook.commit();
}

/** A whole workbook in memory (templates, tests). */
export async function xlsxBuffer(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => parts.push(chunk));
  await writeXlsx(sink, sheets);
  return Buffer.concat(parts);
}
