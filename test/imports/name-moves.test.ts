import { describe, expect, it } from 'vitest';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, customersOf, runImportText } from '../helpers/imports.ts';

/**
 * Lines of one batch may move a name from one customer to another. The batch's customers are written with one
 * statement per kind of write, and the rows as the batch leaves them have unique names: the import must not fail
 * on the order in which those rows are written.
 */

const ctx = await createTestContext();
const HEADER = ['Name', 'External ID'];

async function stored(rows: string[][]) {
  const actor = await buildOrganization(ctx);
  const s = await runImportText(ctx, actor, 'customers', csv([HEADER, ...rows]));
  expect(s.lines.created).toBe(rows.length);
  return actor;
}

const names = async (organizationId: string) =>
  (await customersOf(ctx, organizationId)).map((c) => [c.name, c.external_id]);

describe('a name moving between customers within a batch', () => {
  it('goes to a new customer once the customer holding it is renamed', async () => {
    const actor = await stored([['Acme', 'EXT-1']]);
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([HEADER, ['Acme Old', 'EXT-1'], ['Acme', '']]),
    );
    expect(s.status).toBe('success');
    expect(s.lines).toMatchObject({ created: 1, updated: 1, error: 0 });
    expect(await names(actor.organizationId)).toEqual([
      ['Acme', null],
      ['Acme Old', 'EXT-1'],
    ]);
  });

  it('goes to another stored customer that a line above renamed', async () => {
    // Both written by one update statement: checked row by row, the result depended on the order of the rows.
    const actor = await stored([
      ['Alpha', 'EXT-1'],
      ['Beta', 'EXT-2'],
    ]);
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([HEADER, ['Gamma', 'EXT-2'], ['Beta', 'EXT-1']]),
    );
    expect(s.status).toBe('success');
    expect(s.lines).toMatchObject({ updated: 2, error: 0 });
    expect(await names(actor.organizationId)).toEqual([
      ['Beta', 'EXT-1'],
      ['Gamma', 'EXT-2'],
    ]);
  });

  it('is refused to a line that asks for it before the line that frees it', async () => {
    const actor = await stored([
      ['Alpha', 'EXT-1'],
      ['Beta', 'EXT-2'],
    ]);
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([HEADER, ['Beta', 'EXT-1'], ['Gamma', 'EXT-2']]),
    );
    expect(s.errors.map((e) => [e.line, e.code])).toEqual([[2, 'customer_name_taken']]);
    expect(await names(actor.organizationId)).toEqual([
      ['Alpha', 'EXT-1'],
      ['Gamma', 'EXT-2'],
    ]);
  });
});
