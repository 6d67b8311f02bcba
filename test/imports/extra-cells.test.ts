import { describe, expect, it } from 'vitest';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { customersOf, runImportText } from '../helpers/imports.ts';

const ctx = await createTestContext();

describe('lines wider than the header', () => {
  it('refuses a line whose extra cells hold values (an unquoted delimiter shifted its cells), imports the others', async () => {
    const actor = await buildOrganization(ctx);
    const file = [
      'Name;City;Postal code',
      'Durand SA;Lyon;69001',
      'Martin; fils et associés;Paris;75001',
      'Petit SARL;Nantes;44000;;',
      '',
    ].join('\r\n');
    const s = await runImportText(ctx, actor, 'customers', file);
    expect(s.lines).toMatchObject({ created: 2, error: 1 });
    expect(s.errors).toEqual([
      expect.objectContaining({
        line: 3,
        code: 'extra_cells',
        value: '75001',
        message:
          'This line has 4 values but the header has 3 columns: a value probably contains the delimiter without quotes. Put such values between double quotes',
      }),
    ]);
    const stored = await customersOf(ctx, actor.organizationId);
    expect(stored.map((c) => [c.name, c.city, c.postal_code])).toEqual([
      ['Durand SA', 'Lyon', '69001'],
      ['Petit SARL', 'Nantes', '44000'],
    ]);
  });
});

describe('hostile file names', () => {
  it('imports a file whose name holds a NUL, a right-to-left override or 300 characters, under a clean name', async () => {
    const actor = await buildOrganization(ctx);
    const body = 'Name\r\nDurand SA\r\n';
    const nul = await runImportText(ctx, actor, 'customers', body, { fileName: 'clients\u0000.csv' });
    const rtl = await runImportText(ctx, actor, 'customers', body, { fileName: 'x\u202Evsc.csv' });
    const long = await runImportText(ctx, actor, 'customers', body, { fileName: `${'a'.repeat(300)}.csv` });
    expect([nul.status, rtl.status, long.status]).toEqual(['success', 'success', 'success']);
    const { rows } = await ctx.system.pool.query<{ file_name: string }>(
      'select file_name from imports where organization_id = $1 order by created_at',
      [actor.organizationId],
    );
    expect(rows.map((r) => r.file_name)).toEqual(['clients.csv', 'xvsc.csv', `${'a'.repeat(251)}.csv`]);
  });
});
