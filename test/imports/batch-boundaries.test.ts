import { describe, expect, it } from 'vitest';
import { BATCH_LINES } from '../../src/services/imports/check-lines.ts';
import { buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { contactsOf, csv, runImportText } from '../helpers/imports.ts';

/**
 * Lines are planned and written in batches, and the next batch is read while the previous one is being written.
 * Lines on either side of a batch boundary must still see each other exactly as lines of one batch do.
 */

const ctx = await createTestContext();

const HEADER = ['Customer name', 'Customer external ID', 'Email', 'Main contact', 'First name'];
const filler = (i: number) => [`Filler ${i}`, `F-${i}`, `f${i}@example.com`, '', `F${i}`];

describe('lines on both sides of a batch boundary', () => {
  it('see the customers, contacts and main lines of the batch before', async () => {
    const actor = await buildOrganization(ctx);
    const rows: string[][] = [];
    for (let i = 1; rows.length < BATCH_LINES - 1; i++) rows.push(filler(i));
    // The last line of the first batch creates the customer and its main contact.
    rows.push(['Boundary Co', 'BND-1', 'a@bnd.example', 'yes', 'A']);
    // The first lines of the second batch.
    rows.push(['Boundary Co', 'BND-1', 'b@bnd.example', 'yes', 'B']);
    rows.push(['Boundary Co', 'BND-1', 'a@bnd.example', '', 'A2']);
    rows.push(['Boundary Co', 'BND-1', 'c@bnd.example', '', 'C']);
    for (let i = BATCH_LINES; rows.length < 2 * BATCH_LINES + 10; i++) rows.push(filler(i));
    // The second boundary falls on a customer's lines too.
    rows.splice(2 * BATCH_LINES - 1, 0, ['Second Co', 'BND-2', 'x@bnd.example', 'yes', 'X']);
    rows.splice(2 * BATCH_LINES, 0, ['second co', '', 'y@bnd.example', '', 'Y']);

    const s = await runImportText(ctx, actor, 'contacts', csv([HEADER, ...rows]));

    const boundary = BATCH_LINES + 1; // the file line of the first batch's last line
    expect(s.lines).toEqual({ created: rows.length - 2, updated: 1, unchanged: 0, error: 1, blank: 0 });
    expect(s.errors).toEqual([
      expect.objectContaining({ line: boundary + 1, column: 'Main contact', code: 'duplicate_main_contact' }),
    ]);
    expect(s.errors[0]?.message).toContain('a@bnd.example');
    const contacts = await contactsOf(ctx, actor.organizationId);
    expect(
      contacts
        .filter((c) => ['Boundary Co', 'Second Co'].includes(c.customer))
        .map((c) => [c.customer, c.email, c.first_name, c.is_main]),
    ).toEqual([
      ['Boundary Co', 'a@bnd.example', 'A2', true],
      ['Boundary Co', 'c@bnd.example', 'C', false],
      ['Second Co', 'x@bnd.example', 'X', true],
      ['Second Co', 'y@bnd.example', 'Y', false],
    ]);
    expect(contacts).toHaveLength(rows.length - 2);
    expect(s.records.customers).toEqual({ created: rows.length - 4, updated: 0 });

    // The change log is in file order, every batch after the one before it.
    const { rows: log } = await ctx.system.pool.query<{ line: number }>(
      `select c.line from import_changes c join imports i on i.id = c.import_id
        where i.organization_id = $1 order by c.seq`,
      [actor.organizationId],
    );
    expect(log.length).toBe(rows.length - 2 + (rows.length - 4) + 1);
    expect(log.map((r) => r.line)).toEqual([...log.map((r) => r.line)].sort((a, b) => a - b));
  });
});
