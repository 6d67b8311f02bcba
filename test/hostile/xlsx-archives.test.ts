/**
 * Hostile workbooks, end to end: zip bombs, entity expansion and external entities. Each is refused with its code
 * before a row is read, nothing is written, nothing is fetched and no local file is read.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { buildZip, type ZipPart } from '../fixtures/zip.ts';
import { createTestContext } from '../helpers/db.ts';
import { customersOf } from '../helpers/imports.ts';
import {
  billionLaughsDtd,
  deflatedEntry,
  externalEntityDtd,
  rawZip,
  sheetOf,
  workbookOf,
} from './fixtures.ts';
import { expectRefused, imported, runFile, seededOrganization } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

const ROWS = [
  ['Name', 'City'],
  ['Acme', 'Lyon'],
];
const MiB = 1024 * 1024;

/** The parts of the plain two-row workbook with one part replaced or added. */
function withPart(part: ZipPart): ZipPart[] {
  return [...workbookOf(ROWS).filter((p) => p.name !== part.name), part];
}

/** Rewrites a zip built from parts into raw entries, so one of them can be swapped for a lying one. */
function zipWith(parts: ZipPart[], extra: ReturnType<typeof deflatedEntry>[]): Buffer {
  return rawZip([...parts.map((p) => deflatedEntry(p.name, p.data)), ...extra]);
}

describe('the builders make sound workbooks', () => {
  it('control: the plain workbook imports', async () => {
    const org = await seededOrganization(ctx);
    const s = imported(await runFile(ctx, org.actor, 'customers', buildZip(workbookOf(ROWS)), 'plain.xlsx'));
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
    expect((await customersOf(ctx, org.actor.organizationId)).map((c) => c.name)).toEqual([
      'Acme',
      'Société Générale',
    ]);
  });
});

describe('1. zip bombs', () => {
  // 64 MiB of spaces deflate to about 64 KB: a 1000:1 part.
  const bomb = deflatedEntry('xl/worksheets/sheet1.xml', Buffer.alloc(64 * MiB, 0x20));

  it('a worksheet that declares a 1000:1 inflation is refused from its declared size, nothing inflated', async () => {
    const org = await seededOrganization(ctx);
    const bytes = zipWith(
      workbookOf(ROWS).filter((p) => p.name !== bomb.name),
      [bomb],
    );
    expect(bytes.length).toBeLessThan(MiB);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'bomb.xlsx' },
      { stage: 'upload', code: 'xlsx_too_large', params: { limit: '512 MB' } },
    );
  });

  it('a part whose headers understate its size is refused while inflating, at its declared size', async () => {
    const org = await seededOrganization(ctx);
    const liar = { ...bomb, name: 'xl/worksheets/sheet2.xml', declaredSize: 1000 };
    await expectRefused(
      ctx,
      org,
      { bytes: zipWith(workbookOf(ROWS), [liar]), name: 'liar.xlsx' },
      { stage: 'upload', code: 'xlsx_too_large', params: { limit: '512 MB' } },
    );
  });

  it('a shared-strings part that lies about its size is refused the same way', async () => {
    const org = await seededOrganization(ctx);
    const strings = { ...bomb, name: 'xl/sharedStrings.xml', declaredSize: 4096 };
    const parts = workbookOf(ROWS, { sharedStringsXml: '<sst/>' }).filter((p) => p.name !== strings.name);
    await expectRefused(
      ctx,
      org,
      { bytes: zipWith(parts, [strings]), name: 'strings.xlsx' },
      { stage: 'upload', code: 'xlsx_too_large' },
    );
  });

  it('many honest parts just under 1 MiB each, 520 MiB in all, are refused from their declared total', async () => {
    const org = await seededOrganization(ctx);
    const unit = deflatedEntry('x', Buffer.alloc(MiB, 0x20));
    const parts = Array.from({ length: 520 }, (_, i) => ({ ...unit, name: `customXml/item${i}.xml` }));
    await expectRefused(
      ctx,
      org,
      { bytes: zipWith(workbookOf(ROWS), parts), name: 'many.xlsx' },
      { stage: 'upload', code: 'xlsx_too_large', params: { limit: '512 MB' } },
    );
  });

  it('entries that overlap (the 42.zip construction) are refused as a damaged workbook', async () => {
    const org = await seededOrganization(ctx);
    const zip = buildZip(workbookOf(ROWS));
    const directory = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0, directory + 42);
    await expectRefused(
      ctx,
      org,
      { bytes: zip, name: 'overlap.xlsx' },
      { stage: 'upload', code: 'invalid_xlsx' },
    );
  });

  it('a zip bomb embedded as a binary part is never inflated: the workbook imports', async () => {
    const org = await seededOrganization(ctx);
    const embedded = rawZip([{ ...bomb, name: 'bomb.txt' }]);
    const bytes = zipWith(workbookOf(ROWS), [
      { name: 'xl/embeddings/oleObject1.bin', body: embedded, method: 0, declaredSize: embedded.length },
    ]);
    const s = imported(await runFile(ctx, org.actor, 'customers', bytes, 'embedded.xlsx'));
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
  });
});

describe('2. entity expansion (billion laughs)', () => {
  const laughs = billionLaughsDtd('worksheet');

  it('in the worksheet: refused with xlsx_doctype_refused', async () => {
    const org = await seededOrganization(ctx);
    const sheet = sheetOf([['Name'], [{ raw: '<c t="inlineStr"><is><t>&lol9;</t></is></c>' }]], laughs);
    await expectRefused(
      ctx,
      org,
      { bytes: buildZip(withPart({ name: 'xl/worksheets/sheet1.xml', data: sheet })), name: 'lol.xlsx' },
      { stage: 'upload', code: 'xlsx_doctype_refused', params: {} },
    );
  });

  it('in the shared strings: refused with xlsx_doctype_refused', async () => {
    const org = await seededOrganization(ctx);
    const strings = `<?xml version="1.0"?>${billionLaughsDtd('sst')}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Name</t></si><si><t>&lol9;</t></si></sst>`;
    const sheet = sheetOf([[{ raw: '<c t="s"><v>0</v></c>' }], [{ raw: '<c t="s"><v>1</v></c>' }]]);
    const bytes = buildZip(workbookOf([], { sheetXml: sheet, sharedStringsXml: strings }));
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'lol.xlsx' },
      { stage: 'upload', code: 'xlsx_doctype_refused' },
    );
  });

  it('a lower-case <!doctype> in the workbook part is refused too', async () => {
    const org = await seededOrganization(ctx);
    const workbook = workbookOf(ROWS).find((p) => p.name === 'xl/workbook.xml')!;
    const data = String(workbook.data).replace('?>', `?>${billionLaughsDtd('workbook').toLowerCase()}`);
    await expectRefused(
      ctx,
      org,
      { bytes: buildZip(withPart({ name: workbook.name, data })), name: 'lol.xlsx' },
      { stage: 'upload', code: 'xlsx_doctype_refused' },
    );
  });

  it('a DTD hidden in a UTF-16 part is refused as a damaged workbook', async () => {
    const org = await seededOrganization(ctx);
    const sheet = sheetOf(ROWS, laughs).replace('UTF-8', 'UTF-16');
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sheet, 'utf16le')]);
    await expectRefused(
      ctx,
      org,
      { bytes: buildZip(withPart({ name: 'xl/worksheets/sheet1.xml', data })), name: 'utf16.xlsx' },
      { stage: 'upload', code: 'invalid_xlsx' },
    );
  });
});

describe('3. external entities and references', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  let secretDir = '';
  let secretFile = '';
  const SECRET = 'secret-marker-7f3a9c';

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end(`<!ENTITY leak "${SECRET}">`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    secretDir = mkdtempSync(path.join(tmpdir(), 'clientele-xxe-'));
    secretFile = path.join(secretDir, 'secret.txt');
    writeFileSync(secretFile, SECRET);
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(secretDir, { recursive: true, force: true });
  });

  /** Nothing the organization holds mentions the secret or a line of /etc/passwd. */
  async function nothingLeaked(organizationId: string) {
    const { rows } = await ctx.system.pool.query(
      `select coalesce(string_agg(t, ' '), '') as all from (
         select concat_ws(' ', name, city, address_line1) as t from customers where organization_id = $1
         union all select concat_ws(' ', value, cells::text) from import_line_errors where organization_id = $1
         union all select concat_ws(' ', headers::text, refusal::text) from imports where organization_id = $1) x`,
      [organizationId],
    );
    expect(rows[0].all).not.toContain(SECRET);
    expect(rows[0].all).not.toMatch(/root:.*:0:0:/);
  }

  for (const [label, target] of [
    ['file:///etc/passwd', () => 'file:///etc/passwd'],
    ['a local file', () => `file://${secretFile}`],
    ['an http URL', () => `${base}/xxe`],
  ] as const) {
    it(`SYSTEM "${label}" in the worksheet: refused, not read, not fetched`, async () => {
      const org = await seededOrganization(ctx);
      const sheet = sheetOf(
        [
          ['Name', 'City'],
          ['Acme', { raw: '<c t="inlineStr"><is><t>&xxe;</t></is></c>' }],
        ],
        externalEntityDtd('worksheet', target()),
      );
      await expectRefused(
        ctx,
        org,
        { bytes: buildZip(withPart({ name: 'xl/worksheets/sheet1.xml', data: sheet })), name: 'xxe.xlsx' },
        { stage: 'upload', code: 'xlsx_doctype_refused' },
      );
      await nothingLeaked(org.actor.organizationId);
      expect(requests).toEqual([]);
    });
  }

  it('a parameter entity fetching a remote DTD in the styles part: refused, not fetched', async () => {
    const org = await seededOrganization(ctx);
    const styles = `<?xml version="1.0"?><!DOCTYPE styleSheet [<!ENTITY % remote SYSTEM "${base}/evil.dtd">%remote;]><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="1"><xf numFmtId="0"/></cellXfs></styleSheet>`;
    const parts = workbookOf(ROWS);
    const rels = parts.find((p) => p.name === 'xl/_rels/workbook.xml.rels')!;
    const withStyles = String(rels.data).replace(
      '</Relationships>',
      '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
    );
    const bytes = buildZip([
      ...parts.filter((p) => p.name !== rels.name),
      { name: rels.name, data: withStyles },
      { name: 'xl/styles.xml', data: styles },
    ]);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'styles.xlsx' },
      { stage: 'upload', code: 'xlsx_doctype_refused' },
    );
    expect(requests).toEqual([]);
  });

  it('an external entity in a part never parsed (docProps) is refused all the same', async () => {
    const org = await seededOrganization(ctx);
    const core = `<?xml version="1.0"?>${externalEntityDtd('cp:coreProperties', `${base}/core`)}<cp:coreProperties xmlns:cp="urn:x">&xxe;</cp:coreProperties>`;
    const bytes = buildZip([...workbookOf(ROWS), { name: 'docProps/core.xml', data: core }]);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'core.xlsx' },
      { stage: 'upload', code: 'xlsx_doctype_refused' },
    );
    expect(requests).toEqual([]);
  });

  it('a worksheet relationship pointing at a URL is never fetched: the workbook has no sheet to read', async () => {
    const org = await seededOrganization(ctx);
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${base}/sheet1.xml" TargetMode="External"/></Relationships>`;
    const bytes = buildZip(withPart({ name: 'xl/_rels/workbook.xml.rels', data: rels }));
    await expectRefused(ctx, org, { bytes, name: 'remote.xlsx' }, { stage: 'upload', code: 'empty_file' });
    expect(requests).toEqual([]);
  });

  it('an XInclude element is plain markup: nothing is included, the rest of the file imports', async () => {
    const org = await seededOrganization(ctx);
    const include = (href: string) =>
      `<c t="inlineStr"><is><t><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="${href}" parse="text"/></t></is></c>`;
    const sheet = sheetOf([
      ['Name', 'City', 'Address line 1'],
      ['Acme', { raw: include('file:///etc/passwd') }, { raw: include(`${base}/xi`) }],
    ]);
    const bytes = buildZip(withPart({ name: 'xl/worksheets/sheet1.xml', data: sheet }));
    const s = imported(await runFile(ctx, org.actor, 'customers', bytes, 'xinclude.xlsx'));
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
    const acme = (await customersOf(ctx, org.actor.organizationId)).find((c) => c.name === 'Acme');
    expect(acme).toMatchObject({ city: null, address_line1: null });
    await nothingLeaked(org.actor.organizationId);
    expect(requests).toEqual([]);
  });
});
