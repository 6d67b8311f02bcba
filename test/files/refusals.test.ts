import { describe, expect, it } from 'vitest';
import { MESSAGES, translate } from '../../src/domain/messages/index.ts';
import type { FileRefusalCode } from '../../src/files/errors.ts';
import { openSpreadsheet, scanFile } from '../../src/files/reader.ts';
import { everyCodeListed, fixture, REFUSAL_CODES, refusal } from './helpers.ts';

describe('files that are refused', () => {
  const cases: [string, FileRefusalCode, Record<string, string | number>][] = [
    ['empty.csv', 'empty_file', {}],
    ['only-blank-lines.csv', 'empty_file', {}],
    ['header-only.csv', 'no_data_rows', { line: 1 }],
    ['legacy.xls', 'legacy_xls', {}],
    ['legacy-renamed.csv', 'legacy_xls', {}],
    ['encrypted.xlsx', 'xlsx_encrypted', {}],
    ['pdf-renamed.csv', 'not_a_spreadsheet', { detected: 'PDF' }],
    ['png-renamed.csv', 'not_a_spreadsheet', { detected: 'PNG' }],
    ['zip-renamed.csv', 'not_a_spreadsheet', { detected: 'ZIP' }],
    ['binary-nul.csv', 'not_a_spreadsheet', { detected: 'binary' }],
    ['report.pages', 'unsupported_extension', { extension: '.pages' }],
    ['not-a-zip.xlsx', 'invalid_xlsx', {}],
    ['truncated.xlsx', 'invalid_xlsx', {}],
    ['doctype.xlsx', 'xlsx_doctype_refused', {}],
  ];

  for (const [name, code, params] of cases) {
    it(`refuses ${name} with ${code}`, async () => {
      expect(await refusal(fixture(name), name)).toEqual({ code, params });
    });
  }

  it('judges by content, not by name: a workbook named .csv is read as a workbook', async () => {
    const file = await openSpreadsheet(fixture('sheets.xlsx'), 'export.csv');
    expect(file.format).toBe('xlsx');
    await file.close();
  });

  it('refuses HTML and XML exports named like spreadsheets', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><table><tr><td>a</td></tr></table></body></html>');
    expect(await refusal(html, 'export.xls')).toEqual({
      code: 'not_a_spreadsheet',
      params: { detected: 'HTML' },
    });
    const xml = Buffer.from(
      '<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>',
    );
    expect(await refusal(xml, 'export.csv')).toEqual({
      code: 'not_a_spreadsheet',
      params: { detected: 'XML' },
    });
  });

  it('refuses a text file with an unknown extension, and a file with none', async () => {
    expect(await refusal(Buffer.from('a,b\n1,2\n'), 'data.json')).toEqual({
      code: 'unsupported_extension',
      params: { extension: '.json' },
    });
    expect(await refusal(Buffer.from('a,b\n1,2\n'), 'data')).toEqual({
      code: 'unsupported_extension',
      params: { extension: '' },
    });
  });

  it('refuses a file larger than the size cap', async () => {
    const bytes = Buffer.from(`a,b\r\n${'1,2\r\n'.repeat(10_000)}`);
    expect(await refusal(bytes, 'x.csv', { maxBytes: 10_000 })).toEqual({
      code: 'file_too_large',
      params: { limit: '10 KB' },
    });
  });

  it('refuses a line longer than the limit', async () => {
    const bytes = Buffer.from(`a,b\r\n1,2\r\n${'x'.repeat(5000)},3\r\n4,5\r\n`);
    expect(await refusal(bytes, 'x.csv', { maxLineBytes: 1000 })).toEqual({
      code: 'line_too_long',
      params: { line: 3, limit: 1000 },
    });
  });

  it('refuses rows wider than the column limit', async () => {
    const bytes = Buffer.from(`a,b\r\n1,2\r\n${'x,'.repeat(20)}x\r\n`);
    expect(await refusal(bytes, 'x.csv', { maxColumns: 10 })).toEqual({
      code: 'too_many_columns',
      params: { line: 3, count: 21, limit: 10 },
    });
  });

  it('has an English and a French message for every refusal', () => {
    expect(everyCodeListed).toBe(true);
    const codes: readonly FileRefusalCode[] = REFUSAL_CODES;
    for (const code of codes) {
      expect(MESSAGES[code]?.en, code).toBeTruthy();
      expect(MESSAGES[code]?.fr, code).toBeTruthy();
    }
    expect(translate('legacy_xls', 'en')).toContain('save it as .xlsx or CSV');
    expect(translate('unterminated_quote', 'fr', { line: 12 })).toContain('Ligne 12');
  });
});

describe('scanFile', () => {
  it('reads the whole file once and counts its rows', async () => {
    const report = await scanFile(fixture('blank-lines.csv'), 'blank-lines.csv');
    expect(report).toEqual({
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ';',
      sheetName: null,
      header: { line: 3, cells: ['Name', 'Email'] },
      dataRows: 2,
      blankRows: 4,
      lastLine: 9,
      refusal: null,
    });
  });

  it('reports a refusal met late in the file as a value, with what was read before it', async () => {
    const report = await scanFile(fixture('unterminated-quote.csv'), 'x.csv');
    expect(report.refusal).toEqual({ code: 'unterminated_quote', params: { line: 3 } });
    expect(report.dataRows).toBe(1);
    expect(report.header).toEqual({ line: 1, cells: ['Name', 'Email'] });
  });

  it('reports a refusal met at once', async () => {
    const report = await scanFile(fixture('legacy.xls'), 'legacy.xls');
    expect(report.refusal).toEqual({ code: 'legacy_xls', params: {} });
    expect(report.format).toBeNull();
  });

  it('scans a workbook', async () => {
    const report = await scanFile(fixture('typed-cells.xlsx'), 'typed-cells.xlsx');
    expect(report).toMatchObject({
      format: 'xlsx',
      sheetName: 'Clients',
      dataRows: 3,
      blankRows: 1,
      lastLine: 5,
    });
    expect(report.refusal).toBeNull();
  });
});
