/**
 * A million empty lines, end to end: refused with its code when there is no data, else the data lines import and
 * the blank lines are counted, the reader keeping a bounded amount of memory alive throughout.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { isFileRefusal } from '../../src/files/errors.ts';
import { openSpreadsheet } from '../../src/files/reader.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { buildZip } from '../fixtures/zip.ts';
import { createTestContext } from '../helpers/db.ts';
import { customersOf } from '../helpers/imports.ts';
import { repeatedLines, rowXml, sheetOf, workbookOf } from './fixtures.ts';
import { expectRefused, imported, runFile, seededOrganization } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

const MiB = 1024 * 1024;
const utf8 = (text: string) => Buffer.from(text, 'utf8');

// A full collection before each measure, so that what is measured is what the reader keeps alive, not garbage.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

/** Live heap above `base`, after a full collection. */
function liveAbove(base: number): number {
  gc();
  return process.memoryUsage().heapUsed - base;
}

/**
 * Reads a file with the reader the import uses, fed in 1 MiB chunks as the stored upload is, and returns the most
 * heap it kept alive, measured at every chunk it pulled and every 250,000 rows.
 */
async function peakLiveHeap(
  bytes: Buffer,
  name: string,
): Promise<{ peak: number; rows: number; refusal?: string }> {
  const base = liveAbove(0);
  let peak = 0;
  const measure = () => {
    peak = Math.max(peak, liveAbove(base));
  };
  async function* chunks() {
    for (let i = 0; i < bytes.length; i += MiB) {
      measure();
      yield bytes.subarray(i, i + MiB);
    }
  }
  let rows = 0;
  try {
    const file = await openSpreadsheet(chunks(), name);
    for await (const _ of file.rows) if (++rows % 250_000 === 0) measure();
  } catch (error) {
    if (!isFileRefusal(error)) throw error;
    return { peak, rows, refusal: error.code };
  }
  measure();
  return { peak, rows };
}

describe('12. a million empty lines', () => {
  const MILLION = 1_000_000;
  const gapCsv = Buffer.concat([
    utf8('Name,City\r\nAcme,Paris\r\n'),
    repeatedLines('\r\n', MILLION),
    utf8('Zeta,Lyon\r\n'),
  ]);
  const LAST_ROW = 1_048_576;
  const gapXlsx = buildZip(
    workbookOf([], {
      sheetXml: sheetOf([
        ['Name', 'City'],
        ['Acme', 'Paris'],
      ]).replace('</sheetData>', `${rowXml(LAST_ROW, ['Zeta', 'Lyon'])}</sheetData>`),
    }),
  );

  it('without a header: refused at upload with empty_file', async () => {
    const org = await seededOrganization(ctx);
    await expectRefused(
      ctx,
      org,
      { bytes: repeatedLines('\r\n', MILLION), name: 'empty.csv' },
      { stage: 'upload', code: 'empty_file', params: {} },
    );
  });

  it('of delimiters only, without a header: empty_file too', async () => {
    const org = await seededOrganization(ctx);
    await expectRefused(
      ctx,
      org,
      { bytes: repeatedLines(';;;\n', MILLION), name: 'delimiters.csv' },
      { stage: 'upload', code: 'empty_file', params: {} },
    );
  });

  it('after a header: refused at upload with no_data_rows naming the header line', async () => {
    const org = await seededOrganization(ctx);
    const bytes = Buffer.concat([utf8('\r\n\r\nName,City\r\n'), repeatedLines('\r\n', MILLION)]);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'header-only.csv' },
      { stage: 'upload', code: 'no_data_rows', params: { line: 3 } },
    );
  });

  it('between data lines: they import and the million blank lines are counted', async () => {
    const org = await seededOrganization(ctx);
    const s = imported(await runFile(ctx, org.actor, 'customers', gapCsv, 'gap.csv', { applyOnly: true }));
    expect(s.lines).toEqual({ created: 2, updated: 0, unchanged: 0, error: 0, blank: MILLION });
    expect(s.errors).toEqual([]);
    expect((await customersOf(ctx, org.actor.organizationId)).map((c) => c.name)).toEqual([
      'Acme',
      'Société Générale',
      'Zeta',
    ]);
  });

  it('XLSX: data on row 2 and on the last row a spreadsheet has, a million rows apart, imports', async () => {
    const org = await seededOrganization(ctx);
    const s = imported(await runFile(ctx, org.actor, 'customers', gapXlsx, 'gap.xlsx', { applyOnly: true }));
    expect(s.lines).toEqual({ created: 2, updated: 0, unchanged: 0, error: 0, blank: LAST_ROW - 3 });
  });

  it('the reader keeps less than 32 MB alive through a million empty lines, with or without data', async () => {
    const empty = await peakLiveHeap(repeatedLines('\r\n', MILLION), 'empty.csv');
    expect(empty.refusal).toBe('empty_file');
    expect(empty.peak).toBeLessThan(32 * MiB);
    const csv = await peakLiveHeap(gapCsv, 'gap.csv');
    expect(csv.rows).toBe(MILLION + 2);
    expect(csv.peak).toBeLessThan(32 * MiB);
    const xlsx = await peakLiveHeap(gapXlsx, 'gap.xlsx');
    expect(xlsx.rows).toBe(LAST_ROW - 1);
    expect(xlsx.peak).toBeLessThan(32 * MiB);
  });
});
