import { describe, expect, it } from 'vitest';
import { matchHeaders } from '../../src/domain/header-matching.ts';
import { IMPORT_KINDS } from '../../src/domain/import-fields.ts';
import { collect, formatCsvRow, writeCsv } from '../../src/files/csv-writer.ts';
import { writeErrorFile } from '../../src/files/error-file.ts';
import { scanFile } from '../../src/files/reader.ts';
import { templateCsv, templateXlsx } from '../../src/files/templates.ts';
import { xlsxBuffer } from '../../src/files/xlsx-writer.ts';
import { renderTemplate } from '../../src/services/render-template.ts';
import { readAll } from './helpers.ts';

const NASTY = [
  '=HYPERLINK("http://evil","x")',
  '-12.50',
  "'=already",
  "'quoted",
  'a;b,c|d\te',
  'line\r\nbreak\rcr\nlf',
  'say "hi"',
  '<tag> & "amp" \'apos\'',
  '_x0041_ literal',
  'bell\u0007 and nul-free controls \u001f',
  'Zoé 😀 ß',
  ' padded ',
  '',
];

describe('CSV writer', () => {
  it('writes UTF-8 with a BOM, CRLF line ends, quotes where needed and neutralised cells', async () => {
    const bytes = await collect(
      writeCsv(
        ['Name', 'Note'],
        [
          ['Acme', '=1+1'],
          ['Dupont; Fils', 'a "b"'],
        ],
        { delimiter: ';' },
      ),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      'Name;Note\r\nAcme;\'=1+1\r\n"Dupont; Fils";"a ""b"""\r\n',
    );
  });

  it('quotes every cell when asked', () => {
    expect(formatCsvRow(['a', '', '-1'], ',', 'all')).toBe('"a","","\'-1"');
  });

  it('writes a lone empty cell so that the line is not blank', () => {
    expect(formatCsvRow([''], ',')).toBe('""');
  });

  it('reads back what it wrote, for every delimiter', async () => {
    for (const delimiter of [',', ';', '\t', '|'] as const) {
      const rows = [NASTY.slice(0, 7), NASTY.slice(6, 13)];
      const bytes = await collect(writeCsv(['A', 'B', 'C', 'D', 'E', 'F', 'G'], rows, { delimiter }));
      const read = await readAll(bytes, 'x.csv');
      expect(read.file.delimiter).toBe(delimiter);
      expect(read.rows.map((r) => r.cells)).toEqual(rows);
    }
  });
});

describe('error file', () => {
  it('keeps the refused lines’ columns in the input’s delimiter and adds the error column', async () => {
    const bytes = await collect(
      writeErrorFile({
        header: ['Nom du client', 'Adresse mail', 'Prénom'],
        lines: [
          { cells: ['Acme', 'pas-un-email', 'Zoé'], error: 'Adresse e-mail invalide' },
          { cells: ['=cmd'], error: 'Adresse mail obligatoire' },
          { cells: ['Beta', 'b@x.example', 'Léa', 'extra'], error: 'Trop de colonnes' },
        ],
        delimiter: ';',
        lang: 'fr',
      }),
    );
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        'Nom du client;Adresse mail;Prénom;Erreur',
        'Acme;pas-un-email;Zoé;Adresse e-mail invalide',
        "'=cmd;;;Adresse mail obligatoire",
        'Beta;b@x.example;Léa;Trop de colonnes;extra',
        '',
      ].join('\r\n'),
    );
  });

  it('names the error column in English for English readers and reads back as the input did', async () => {
    const lines = [{ cells: ['Acme', '-5'], error: 'Invalid email' }];
    const bytes = await collect(
      writeErrorFile({ header: ['Name', 'Email'], lines, delimiter: '\t', lang: 'en' }),
    );
    const { file, rows } = await readAll(bytes, 'errors.csv');
    expect(file.header.cells).toEqual(['Name', 'Email', 'Error']);
    expect(file.delimiter).toBe('\t');
    expect(rows[0]!.cells).toEqual(['Acme', '-5', 'Invalid email']);
  });
});

describe('XLSX writer', () => {
  it('writes a workbook that reads back to the same strings', async () => {
    const header = NASTY.map((_, i) => `Col ${i + 1}`);
    const rows = [NASTY, [...NASTY].reverse()];
    const bytes = await xlsxBuffer([{ name: 'Export', header, rows }]);
    const read = await readAll(bytes, 'export.xlsx');
    expect(read.file.header.cells).toEqual(header);
    // Trailing empty cells are not cells of the sheet.
    expect(read.rows.map((r) => r.cells)).toEqual([NASTY.slice(0, -1), [...NASTY].reverse()]);
  });

  it('writes several sheets, streaming many rows', async () => {
    const many = Array.from({ length: 5000 }, (_, i) => [`Client ${i}`, String(i).padStart(6, '0')]);
    const bytes = await xlsxBuffer([
      { name: 'Clients', header: ['Name', 'Code'], rows: many },
      { name: 'Other', header: ['X'], rows: [['y']] },
    ]);
    const report = await scanFile(bytes, 'export.xlsx');
    expect(report).toMatchObject({ sheetName: 'Clients', dataRows: 5000, lastLine: 5001, refusal: null });
    const other = await readAll(bytes, 'export.xlsx', { sheet: 'Other' });
    expect(other.rows[0]!.cells).toEqual(['y']);
  });
});

describe('templates', () => {
  for (const kind of IMPORT_KINDS) {
    for (const lang of ['en', 'fr'] as const) {
      it(`the ${kind} ${lang} templates carry headers that match every field`, async () => {
        for (const body of [await templateCsv(kind, lang), await templateXlsx(kind, lang)]) {
          const report = await scanFile(body, body[0] === 0x50 ? 't.xlsx' : 't.csv');
          expect(report.refusal?.code).toBe('no_data_rows');
          const match = matchHeaders(kind, report.header!.cells, lang);
          expect(match.problems).toEqual([]);
          expect(match.ignored).toEqual([]);
        }
      });
    }
  }

  it('uses ";" in French CSV templates and "," in English ones', async () => {
    expect((await templateCsv('contacts', 'fr')).toString('utf8')).toBe(
      '\ufeffNom du client;Identifiant Externe du client;Adresse mail;Contact principal;Prénom;Nom de famille;Numéro de téléphone;Référence;Position\r\n',
    );
    expect((await templateCsv('assignments', 'en')).toString('utf8')).toBe(
      '\ufeffCustomer name,Customer external ID,Account manager,Dunning plan\r\n',
    );
  });

  it('explains each column on the second sheet of the XLSX template', async () => {
    const { file, rows } = await readAll(await templateXlsx('contacts', 'fr'), 't.xlsx', {
      sheet: 'Colonnes',
    });
    expect(file.header.cells).toEqual(['Colonne', 'Obligatoire', 'Description', 'Exemple']);
    expect(rows.map((r) => r.cells.slice(0, 2))).toEqual([
      ['Nom du client', 'Oui, ou « Identifiant Externe du client »'],
      ['Identifiant Externe du client', 'Oui, ou « Nom du client »'],
      ['Adresse mail', 'Oui'],
      ['Contact principal', 'Non'],
      ['Prénom', 'Non'],
      ['Nom de famille', 'Non'],
      ['Numéro de téléphone', 'Non'],
      ['Référence', 'Non'],
      ['Position', 'Non'],
    ]);
    expect(rows[3]!.cells[3]).toBe('1');
  });

  it('renders a template for download', async () => {
    const xlsx = await renderTemplate({ kind: 'customers', format: 'xlsx', lang: 'en' });
    expect(xlsx.fileName).toBe('clientele-customers-template-en.xlsx');
    expect(xlsx.contentType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    const csv = await renderTemplate({ kind: 'contacts', format: 'csv', lang: 'fr' });
    expect(csv).toMatchObject({
      fileName: 'clientele-contacts-template-fr.csv',
      contentType: 'text/csv; charset=utf-8',
    });
  });
});
