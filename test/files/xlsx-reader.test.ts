import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSpreadsheet } from '../../src/files/reader.ts';
import { InflateBudget, inflateEntry, readZip, zipInMemory } from '../../src/files/zip.ts';
import { buildZip, sheetXml, workbookParts, type ZipPart } from '../fixtures/zip.ts';
import { fixture, readAll, refusal, trickle } from './helpers.ts';

const SIMPLE_SHEET = sheetXml(
  '<row r="1"><c r="A1" t="inlineStr"><is><t>Email</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a@x.example</t></is></c></row>',
);

describe('reading XLSX cells as a person sees them', () => {
  it('reads typed cells written by ExcelJS', async () => {
    const { file, rows } = await readAll(fixture('typed-cells.xlsx'), 'typed-cells.xlsx');
    expect(file).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, sheetName: 'Clients' });
    expect(file.header).toEqual({
      line: 1,
      cells: ['Name', 'Phone', 'Postal code', 'Created', 'Updated', 'Active', 'Total', 'Label', 'Ratio'],
    });
    expect(rows).toEqual([
      {
        line: 2,
        // rich text, a number typed as a number, "00000", a date, a date-time, a boolean, cached formula results,
        // and 0.1 + 0.2 without float noise
        cells: [
          'Société Générale',
          '612345678',
          '01000',
          '2024-03-05',
          '2024-03-05 14:30',
          'TRUE',
          '1224691356',
          'ok',
          '0.3',
        ],
        blank: false,
      },
      { line: 3, cells: [], blank: true },
      {
        line: 4,
        // a hyperlink's text, a French phone format, fixed decimals, a percentage, a big number never in exponent
        // form, FALSE, a cached boolean and a cached error of formulas, a small number
        cells: [
          'Acme site',
          '06 12 34 56 78',
          '-12.50',
          '12.5%',
          '123456789012346000000',
          'FALSE',
          'TRUE',
          '#N/A',
          '0.000001',
        ],
        blank: false,
      },
      // the neutralisation apostrophe is undone; a string of digits stays as typed; an error cell's text
      { line: 5, cells: ['=SUM(A1)', '00123', '#DIV/0!', '', 'x'], blank: false },
    ]);
  });

  it('reads parts ExcelJS never writes: prefixed elements, inline rich text, t="d", escapes, row gaps', async () => {
    const { file, rows } = await readAll(fixture('handmade.xlsx'), 'handmade.xlsx');
    expect(file.header).toEqual({ line: 1, cells: ['Name', 'Since', 'Active', 'Code'] });
    expect(rows).toEqual([
      { line: 2, cells: ['Café Crème', '2024-03-05', 'TRUE', 'C-0042'], blank: false },
      { line: 3, cells: [], blank: true },
      { line: 4, cells: ['line\r\nbreak', '2024-03-05 09:15', '#DIV/0!', 'C-0007'], blank: false },
      // a row without a reference follows the previous one; phonetic guides are left out of shared strings
      { line: 5, cells: ['Zoé Noël'], blank: false },
    ]);
  });

  it('reads the first visible sheet that has data, wherever its header is', async () => {
    const { file, rows } = await readAll(fixture('sheets.xlsx'), 'sheets.xlsx');
    expect(file.sheetName).toBe('Contacts');
    expect(file.header).toEqual({ line: 3, cells: ['Adresse mail', 'Nom du client'] });
    expect(rows).toEqual([{ line: 4, cells: ['a@acme.example', 'Acme'], blank: false }]);
  });

  it('reads a sheet chosen by name, even a hidden one', async () => {
    const { file, rows } = await readAll(fixture('sheets.xlsx'), 'sheets.xlsx', { sheet: 'lookup' });
    expect(file.sheetName).toBe('Lookup');
    expect(rows.map((r) => r.cells)).toEqual([['A', 'Alpha']]);
  });

  it('refuses a sheet name that is not in the file, listing the sheets', async () => {
    expect(await refusal(fixture('sheets.xlsx'), 'sheets.xlsx', { sheet: 'Clients' })).toEqual({
      code: 'sheet_not_found',
      params: { sheet: 'Clients', sheets: 'Notes, Lookup, Contacts' },
    });
  });

  it('refuses a workbook without data', async () => {
    const empty = buildZip(workbookParts({ sheetXml: sheetXml('<row r="1"/>') }));
    expect(await refusal(empty, 'empty.xlsx')).toEqual({ code: 'empty_file', params: {} });
  });

  it('refuses a cell beyond the column limit', async () => {
    const wide = buildZip(
      workbookParts({
        sheetXml: sheetXml(
          '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c><c r="Z1"><v>1</v></c></row>',
        ),
      }),
    );
    expect(await refusal(wide, 'wide.xlsx', { maxColumns: 10 })).toEqual({
      code: 'too_many_columns',
      params: { line: 1, count: 26, limit: 10 },
    });
  });

  it('refuses malformed XML as a damaged workbook', async () => {
    const broken = buildZip(workbookParts({ sheetXml: '<worksheet><sheetData><row r="1"><c r="A1"' }));
    expect(await refusal(broken, 'broken.xlsx')).toEqual({ code: 'invalid_xlsx', params: {} });
  });
});

describe("an XLSX's shared strings beyond memory", () => {
  const openFds = () => fs.readdirSync('/proc/self/fd').length;
  const names = Array.from({ length: 20_000 }, (_, i) => `Société n°${i} – Crème & brûlée <${i % 97}>`);
  const xmlText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const rowsXml = names
    .map(
      (_, i) =>
        `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>${i + 1}</v></c><c r="B${i + 2}" t="s"><v>0</v></c></row>`,
    )
    .join('');
  const workbook = buildZip(
    workbookParts({
      sheetXml: sheetXml(
        `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>0</v></c></row>${rowsXml}`,
      ),
      sharedStringsXml: `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${[
        'Nom',
        ...names,
      ]
        .map((t) => `<si><t>${xmlText(t)}</t></si>`)
        .join('')}</sst>`,
    }),
  );

  const toFiles = { sharedStringsInMemory: 1024, xlsxInMemory: 1024 };

  it('reads the same rows whether the workbook and its strings stay in memory or go to files', async () => {
    const inMemory = await readAll(workbook, 'big.xlsx');
    expect(inMemory.rows).toHaveLength(names.length);
    expect(inMemory.rows[19_999]).toEqual({ line: 20_001, cells: [names[19_999], 'Nom'], blank: false });
    const stringsInFile = await readAll(workbook, 'big.xlsx', { sharedStringsInMemory: 1024 });
    expect(stringsInFile.rows).toEqual(inMemory.rows);
    // Streamed in (as an upload is), the workbook itself goes to a file too.
    const bothInFiles = await readAll(trickle(workbook, 4096), 'big.xlsx', toFiles);
    expect(bothInFiles.rows).toEqual(inMemory.rows);
    expect(bothInFiles.file.header).toEqual({ line: 1, cells: ['Nom', 'Nom'] });
  });

  it('releases its files when the rows are read, when reading stops early, and on a refusal', async () => {
    const before = openFds();
    await readAll(trickle(workbook, 65536), 'big.xlsx', toFiles);
    expect(openFds()).toBe(before);
    const file = await openSpreadsheet(trickle(workbook, 65536), 'big.xlsx', toFiles);
    expect(openFds()).toBe(before + 2);
    let read = 0;
    for await (const _ of file.rows) if (++read === 10) break;
    expect(openFds()).toBe(before);
    const missing = await refusal(trickle(workbook, 65536), 'big.xlsx', { ...toFiles, sheet: 'Nope' });
    expect(missing.code).toBe('sheet_not_found');
    expect(openFds()).toBe(before);
  });

  it('keeps the workbook and its strings in memory when no temporary file can be made', async () => {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = '/nonexistent/clientele-test';
    try {
      const inMemory = await readAll(workbook, 'big.xlsx');
      const withoutFiles = await readAll(trickle(workbook, 65536), 'big.xlsx', toFiles);
      expect(withoutFiles.rows).toEqual(inMemory.rows);
    } finally {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    }
  });

  it('reads a streamed workbook the same through a file, fixtures included', async () => {
    for (const name of ['typed-cells.xlsx', 'handmade.xlsx']) {
      const inMemory = await readAll(fixture(name), name);
      const inFile = await readAll(trickle(fixture(name), 999), name, {
        xlsxInMemory: 0,
        sharedStringsInMemory: 0,
      });
      expect(inFile.rows, name).toEqual(inMemory.rows);
      expect(inFile.file.sheetName, name).toBe(inMemory.file.sheetName);
    }
  });
});

describe('XLSX safety', () => {
  const zeros = Buffer.alloc(16 * 1024 * 1024, 0x20);

  function bomb(part: Partial<ZipPart>): Buffer {
    const parts = workbookParts({ sheetXml: SIMPLE_SHEET });
    return buildZip([...parts, { name: 'xl/worksheets/sheet2.xml', data: zeros, ...part }]);
  }

  it('refuses a zip bomb from its declared sizes, before inflating anything', async () => {
    expect(await refusal(bomb({}), 'bomb.xlsx')).toEqual({
      code: 'xlsx_too_large',
      params: { limit: '512 MB' },
    });
  });

  it('refuses a zip bomb whose declared sizes lie, counting real inflated bytes', async () => {
    expect(await refusal(bomb({ declaredSize: 1000 }), 'bomb.xlsx')).toEqual({
      code: 'xlsx_too_large',
      params: { limit: '512 MB' },
    });
  });

  it('stops inflating at the cap of real bytes', async () => {
    const zip = zipInMemory(buildZip([{ name: 'big.xml', data: zeros }]));
    const [entry] = readZip(zip);
    const read = async () => {
      for await (const _ of inflateEntry(zip, entry!, new InflateBudget(1024 * 1024)));
    };
    await expect(read()).rejects.toMatchObject({ code: 'xlsx_too_large', params: { limit: '1 MB' } });
  });

  it('refuses the same bombs and damage when the workbook is read from a temporary file', async () => {
    const inFile = { xlsxInMemory: 0, sharedStringsInMemory: 0 };
    const overlap = buildZip(workbookParts({ sheetXml: SIMPLE_SHEET }));
    overlap.writeUInt32LE(0, overlap.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 42);
    const cases: [Buffer, string][] = [
      [bomb({}), 'xlsx_too_large'],
      [bomb({ declaredSize: 1000 }), 'xlsx_too_large'],
      [overlap, 'invalid_xlsx'],
      [buildZip(workbookParts({ sheetXml: '<worksheet><sheetData><row r="1"><c r="A1"' })), 'invalid_xlsx'],
    ];
    for (const [zip, code] of cases) {
      expect((await refusal(trickle(zip, 65536), 'x.xlsx', inFile)).code).toBe(code);
    }
  });

  it('refuses a workbook larger than the inflated cap', async () => {
    expect(await refusal(fixture('typed-cells.xlsx'), 't.xlsx', { maxInflatedBytes: 4096 })).toEqual({
      code: 'xlsx_too_large',
      params: { limit: '4 KB' },
    });
  });

  it('refuses entries that overlap (a zip-bomb construction)', async () => {
    const zip = buildZip(workbookParts({ sheetXml: SIMPLE_SHEET }));
    // Point the last central-directory entry's local-header offset at the first entry.
    const directory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0, directory + 42);
    expect(await refusal(zip, 'overlap.xlsx')).toEqual({ code: 'invalid_xlsx', params: {} });
  });

  it('refuses a DOCTYPE in any XML part, even one never parsed and split across chunks', async () => {
    // Stored parts are read in 64 KiB slices: the DOCTYPE starts 1 to 9 characters before the seam.
    for (const before of [1, 2, 4, 8, 9]) {
      const padding = ' '.repeat(64 * 1024 - before);
      const parts = workbookParts({ sheetXml: SIMPLE_SHEET });
      const zip = buildZip([
        ...parts,
        { name: 'docProps/custom.xml', data: `${padding}<!DOCTYPE x []><x/>`, method: 0 },
      ]);
      expect(await refusal(zip, 'doctype.xlsx')).toEqual({ code: 'xlsx_doctype_refused', params: {} });
    }
  });

  it('refuses an unsupported compression method as a damaged workbook', async () => {
    const zip = buildZip(workbookParts({ sheetXml: SIMPLE_SHEET }));
    const directory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt16LE(12, directory + 10); // bzip2
    expect(await refusal(zip, 'bz.xlsx')).toEqual({ code: 'invalid_xlsx', params: {} });
  });

  it('reads a workbook whose parts are stored without compression', async () => {
    const parts = workbookParts({ sheetXml: SIMPLE_SHEET }).map((p) => ({ ...p, method: 0 as const }));
    const { rows } = await readAll(buildZip(parts), 'stored.xlsx');
    expect(rows.map((r) => r.cells)).toEqual([['a@x.example']]);
  });

  it('decodes UTF-8 characters split between two inflated chunks', async () => {
    const names = Array.from(
      { length: 3000 },
      (_, i) => `<row r="${i + 2}"><c t="inlineStr"><is><t>Zoé Noël ${i}</t></is></c></row>`,
    );
    const xml = sheetXml(`<row r="1"><c t="inlineStr"><is><t>Nom</t></is></c></row>${names.join('')}`);
    const bytes = buildZip(workbookParts({ sheetXml: xml }));
    const zip = zipInMemory(bytes);
    const sheet = readZip(zip).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
    const ends: number[] = [];
    for await (const chunk of inflateEntry(zip, sheet, new InflateBudget(1e9))) ends.push(chunk.at(-1)!);
    // The case under test happens: some chunk ends inside a multi-byte character.
    expect(ends.some((b) => b >= 0xc0)).toBe(true);
    const { rows } = await readAll(bytes, 'utf8.xlsx');
    expect(rows).toHaveLength(3000);
    expect(rows.every((r, i) => r.cells[0] === `Zoé Noël ${i}`)).toBe(true);
  });
});
