/**
 * Files too long or too wide, end to end: a 10 MB line, 20,000 columns. Each is refused with its code, or its
 * over-long cell refused with a line error, and nothing is written from a refused file.
 */
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { buildZip } from '../fixtures/zip.ts';
import { createTestContext } from '../helpers/db.ts';
import { customersOf } from '../helpers/imports.ts';
import { incompressibleText, repeatedLines, workbookOf } from './fixtures.ts';
import { expectRefused, imported, runFile, seededOrganization } from './pipeline.ts';

const ctx: ServiceContext = await createTestContext();

const MiB = 1024 * 1024;
const TEN_MB = 10 * 1000 * 1000;
const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('10. a 10 MB line', () => {
  const long = incompressibleText(TEN_MB);

  it('a file that is one 10 MB line: refused at upload with line_too_long', async () => {
    const org = await seededOrganization(ctx);
    await expectRefused(
      ctx,
      org,
      { bytes: utf8(long), name: 'one-line.csv' },
      { stage: 'upload', code: 'line_too_long', params: { line: 1, limit: MiB } },
    );
  });

  it('a 10 MB line full of delimiters is refused the same way, not split into columns', async () => {
    const org = await seededOrganization(ctx);
    const bytes = repeatedLines('abcdefghi,', TEN_MB / 10);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'commas.csv' },
      { stage: 'upload', code: 'line_too_long', params: { line: 1, limit: MiB } },
    );
  });

  it('a 10 MB line after good lines: refused at the preview, and when applied at once nothing is written', async () => {
    const bytes = utf8(`Name,City\r\nAcme,Paris\r\nBeta,${long}\r\nGamma,Lyon\r\n`);
    const previewed = await seededOrganization(ctx);
    await expectRefused(
      ctx,
      previewed,
      { bytes, name: 'late.csv' },
      { stage: 'preview', code: 'line_too_long', params: { line: 3, limit: MiB } },
    );
    const applied = await seededOrganization(ctx);
    await expectRefused(
      ctx,
      applied,
      { bytes, name: 'late.csv', opts: { applyOnly: true } },
      { stage: 'apply', code: 'line_too_long', params: { line: 3, limit: MiB } },
    );
  });

  it('a 10 MB cell of a workbook: a coded line error on its field, the other lines import', async () => {
    const org = await seededOrganization(ctx);
    const rows = [
      ['Name', 'City'],
      ['Acme', 'Paris'],
      [long, 'Nancy'],
      ['Delta', 'Lyon'],
    ];
    const bytes = buildZip(workbookOf(rows));
    const s = imported(await runFile(ctx, org.actor, 'customers', bytes, 'wide.xlsx', { applyOnly: true }));
    expect(s.lines).toMatchObject({ created: 2, error: 1 });
    expect(s.errors.map((e) => [e.line, e.column, e.code, e.value?.length])).toEqual([
      [3, 'Name', 'value_too_long', TEN_MB],
    ]);
    expect((await customersOf(ctx, org.actor.organizationId)).map((c) => c.name)).toEqual([
      'Acme',
      'Delta',
      'Société Générale',
    ]);
  });
});

describe('11. a header with 20,000 columns', () => {
  const header = ['Name', 'City', ...Array.from({ length: 19_998 }, (_, i) => `Column ${i + 3}`)];

  it('CSV: refused at upload with too_many_columns', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8(`${header.join(',')}\r\nAcme,Paris\r\n`);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'wide.csv' },
      { stage: 'upload', code: 'too_many_columns', params: { line: 1, count: 20_000, limit: 500 } },
    );
  });

  it('CSV: 20,000 empty header cells after the real ones are refused the same way', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8(`Name,City${','.repeat(19_998)}\r\nAcme,Paris\r\n`);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'trailing.csv' },
      { stage: 'upload', code: 'too_many_columns', params: { line: 1, count: 20_000, limit: 500 } },
    );
  });

  it('CSV: a data line of 20,000 columns after good ones: refused when applied, nothing written', async () => {
    const org = await seededOrganization(ctx);
    const bytes = utf8(`Name,City\r\nAcme,Paris\r\nBeta,Nancy\r\n${header.join(',')}\r\n`);
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'wide-line.csv', opts: { applyOnly: true } },
      { stage: 'apply', code: 'too_many_columns', params: { line: 4, count: 20_000, limit: 500 } },
    );
  });

  it('XLSX: refused at upload with too_many_columns at the first cell past the limit', async () => {
    const org = await seededOrganization(ctx);
    const bytes = buildZip(workbookOf([header, ['Acme', 'Paris']]));
    await expectRefused(
      ctx,
      org,
      { bytes, name: 'wide.xlsx' },
      { stage: 'upload', code: 'too_many_columns', params: { line: 1, count: 501, limit: 500 } },
    );
  });

  it('XLSX: empty cells styled across 20,000 columns are not columns: the file imports', async () => {
    const org = await seededOrganization(ctx);
    const styled = Array.from({ length: 20_000 }, (_, i) => ({
      raw: `<c r="${columnName(i + 3)}1" s="0"/>`,
    }));
    const sheet = workbookOf([
      ['Name', 'City', ...styled],
      ['Acme', 'Paris'],
    ]);
    const s = imported(await runFile(ctx, org.actor, 'customers', buildZip(sheet), 'styled.xlsx'));
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
  });
});

/** The spreadsheet name of a 1-based column number (1 -> A, 27 -> AA). */
function columnName(n: number): string {
  let name = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}
