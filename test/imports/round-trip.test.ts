import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../src/services/context.ts';
import { exportRecords } from '../../src/services/export-records.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, rowVersions, runImportText } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();

async function exported(...args: Parameters<typeof exportRecords>): Promise<Buffer> {
  const sink = new PassThrough();
  const parts: Buffer[] = [];
  sink.on('data', (d: Buffer) => parts.push(d));
  await exportRecords(...args).writeTo(sink);
  return Buffer.concat(parts);
}

describe('round trip', () => {
  it('export contacts, import the export: everything unchanged, nothing written (CSV and XLSX, EN and FR)', async () => {
    const actor = await buildOrganization(ctx);
    await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        [
          'Customer name',
          'Customer external ID',
          'Email',
          'Main contact',
          'First name',
          'Last name',
          'Phone',
          'Reference',
          'Position',
        ],
        [
          'Société Générale',
          'C-1',
          'jean@sg.fr',
          '1',
          'Jean',
          "D'Artagnan",
          '06 12 34 56 78',
          '=1+1',
          'Comptable; Finance',
        ],
        ['Société Générale', 'C-1', 'marie@sg.fr', '', 'Marie', '-Curie', '', '@ref', 'Buyer'],
        ['Boulangerie "Au Pain"', '', 'pain@b.fr', '', '', '', '+44 20 7946 0958', '', ''],
      ]),
    );
    const versions = await rowVersions(ctx, actor.organizationId);
    for (const format of ['csv', 'xlsx'] as const) {
      for (const lang of ['en', 'fr'] as const) {
        const file = await exported(ctx, actor, { entity: 'contacts', format, lang });
        const s = await runImportText(ctx, actor, 'contacts', file, { fileName: `contacts.${format}` });
        expect(s.lines, `${format} ${lang}`).toEqual({
          created: 0,
          updated: 0,
          unchanged: 3,
          error: 0,
          blank: 0,
        });
        expect(s.ignoredColumns).toEqual([]);
      }
    }
    expect(await rowVersions(ctx, actor.organizationId)).toEqual(versions);
  });

  it('export customers, import the export: everything unchanged', async () => {
    const actor = await buildOrganization(ctx);
    await runImportText(
      ctx,
      actor,
      'customers',
      csv([
        ['Name', 'External ID', 'Email', 'Phone', 'Postal code', 'City', 'Country', 'VAT number'],
        ['Ain Bois', 'A1', 'c@ain.fr', '0474000000', '01000', 'Bourg-en-Bresse', 'France', 'FR 12 345'],
        ['+Plus SARL', '', '', '', '', '', '', ''],
      ]),
    );
    const file = await exported(ctx, actor, { entity: 'customers', format: 'csv', lang: 'fr' });
    const s = await runImportText(ctx, actor, 'customers', file);
    expect(s.lines).toEqual({ created: 0, updated: 0, unchanged: 2, error: 0, blank: 0 });
  });
});
