import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/services/context.ts';
import { BATCH_LINES, PREVIEW_BATCH_LINES } from '../../src/services/imports/check-lines.ts';
import type { ImportSummary } from '../../src/services/imports/summary.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { changeLogOf, contactsOf, csv, customersOf, runImportText } from '../helpers/imports.ts';

/**
 * Lines are planned and written in batches, and the next batch is read while the previous one is being written.
 * Lines on either side of a batch boundary must still see each other exactly as lines of one batch do.
 */

const ctx = await createTestContext();

const HEADER = ['Customer name', 'Customer external ID', 'Email', 'Main contact', 'First name'];
const filler = (i: number) => [`Filler ${i}`, `F-${i}`, `f${i}@example.com`, '', `F${i}`];

/**
 * Previews the file, then applies it. A preview's batches are smaller than an apply's and divide them, so its
 * boundaries fall where the apply's do (and between them): the preview must say exactly what the apply does.
 */
async function previewThenApply(actor: Actor, kind: string, text: string): Promise<ImportSummary> {
  expect(BATCH_LINES % PREVIEW_BATCH_LINES).toBe(0);
  const preview = await runImportText(ctx, actor, kind, text, { dryRun: true });
  const applied = await runImportText(ctx, actor, kind, text);
  expect(preview.lines).toEqual(applied.lines);
  expect(preview.records).toEqual(applied.records);
  expect(preview.errors).toEqual(applied.errors);
  return applied;
}

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

    const s = await previewThenApply(actor, 'contacts', csv([HEADER, ...rows]));

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
    const log = await changeLogOf(ctx, actor.organizationId, s.id);
    expect(log.length).toBe(rows.length - 2 + (rows.length - 4) + 1);
    expect(log.map((r) => r.line)).toEqual([...log.map((r) => r.line)].sort((a, b) => a - b));
  });

  it('find what the batch before changed in stored records, through keys it gave them', async () => {
    const actor = await buildOrganization(ctx);
    // Stored before the import: a customer without external ID and its contacts, and a customer with a main.
    const delta = await buildCustomer(ctx, actor, { name: 'Delta SA' });
    await buildContact(ctx, actor, delta.id, { email: 'd1@delta.example', isMain: true });
    await buildContact(ctx, actor, delta.id, { email: 'd2@delta.example', firstName: 'D2' });
    const gamma = await buildCustomer(ctx, actor, { name: 'Gamma', externalId: 'GAM-1' });
    await buildContact(ctx, actor, gamma.id, { email: 'g1@gamma.example', isMain: true, firstName: 'G1' });
    const epsilon = await buildCustomer(ctx, actor, { name: 'Epsilon' });
    await buildContact(ctx, actor, epsilon.id, { email: 'e1@epsilon.example', isMain: true });

    const rows: string[][] = [];
    for (let i = 1; rows.length < BATCH_LINES - 3; i++) rows.push(filler(i));
    // The first batch's last lines: Delta gets an external ID (and a contact), Gamma a new main contact, Epsilon
    // loses its main contact.
    rows.push(['Delta SA', 'DEL-1', 'd3@delta.example', '', 'D3']);
    rows.push(['Gamma', 'GAM-1', 'g2@gamma.example', 'yes', 'G2']);
    rows.push(['Epsilon', '', 'e1@epsilon.example', 'no', '']);
    // The second batch's first lines name Delta by that external ID alone: its stored contacts must be found (not
    // created again); Gamma's former main contact must be seen as no longer main, and another main for Gamma is
    // refused with a pointer to the line of the batch before; Epsilon has no main contact left to clear.
    rows.push(['', 'DEL-1', 'd2@delta.example', '', 'D2 bis']);
    rows.push(['', 'DEL-1', 'd1@delta.example', 'no', '']);
    rows.push(['', 'GAM-1', 'g1@gamma.example', 'yes', 'G1 bis']);
    rows.push(['', 'GAM-1', 'g2@gamma.example', 'yes', 'G2']);
    rows.push(['Epsilon', '', 'e2@epsilon.example', 'yes', 'E2']);
    for (let i = BATCH_LINES; rows.length < 2 * BATCH_LINES + 5; i++) rows.push(filler(i));

    const s = await previewThenApply(actor, 'contacts', csv([HEADER, ...rows]));

    const gammaMainLine = BATCH_LINES; // file line of the g2 line (the header is line 1)
    expect(s.errors).toEqual([
      expect.objectContaining({
        line: BATCH_LINES + 4,
        column: 'Main contact',
        code: 'duplicate_main_contact',
      }),
    ]);
    expect(s.errors[0]?.message).toContain(String(gammaMainLine));
    // d3, g2 and e2 created with the fillers; e1's main flag, d2 and d1's main flag updated; g2 again unchanged.
    expect(s.lines).toEqual({ created: rows.length - 5, updated: 3, unchanged: 1, error: 1, blank: 0 });
    const contacts = await contactsOf(ctx, actor.organizationId);
    expect(
      contacts
        .filter((c) => ['Delta SA', 'Gamma'].includes(c.customer))
        .map((c) => [c.customer, c.email, c.first_name, c.is_main]),
    ).toEqual([
      ['Delta SA', 'd1@delta.example', null, false],
      ['Delta SA', 'd2@delta.example', 'D2 bis', false],
      ['Delta SA', 'd3@delta.example', 'D3', false],
      ['Gamma', 'g1@gamma.example', 'G1', false],
      ['Gamma', 'g2@gamma.example', 'G2', true],
    ]);
    expect(
      contacts.filter((c) => c.customer === 'Epsilon').map((c) => [c.email, c.first_name, c.is_main]),
    ).toEqual([
      ['e1@epsilon.example', null, false],
      ['e2@epsilon.example', 'E2', true],
    ]);
    // Epsilon's change log: e1 no longer main (first batch), then e2 created main, and nothing else.
    const { rows: ofEpsilon } = await ctx.system.pool.query<{ id: string }>(
      'select id from contacts where organization_id = $1 and customer_id = $2',
      [actor.organizationId, epsilon.id],
    );
    const epsilonContacts = new Set(ofEpsilon.map((c) => c.id));
    const epsilonLog = (await changeLogOf(ctx, actor.organizationId, s.id))
      .filter((c) => epsilonContacts.has(c.record_id))
      .map((c) => ({ action: c.action, after: c.after }));
    expect(epsilonLog).toEqual([
      { action: 'updated', after: { isMain: false } },
      { action: 'created', after: expect.objectContaining({ email: 'e2@epsilon.example', isMain: true }) },
    ]);
    const customers = await customersOf(ctx, actor.organizationId);
    expect(customers.filter((c) => c.name === 'Delta SA').map((c) => c.external_id)).toEqual(['DEL-1']);
  });

  it('match a customer by the name the batch before gave it', async () => {
    const actor = await buildOrganization(ctx);
    await buildCustomer(ctx, actor, { name: 'Old Name', externalId: 'R-1' });
    const header = ['Name', 'External ID', 'City'];
    const rows: string[][] = [];
    for (let i = 1; rows.length < BATCH_LINES - 1; i++) rows.push([`Filler ${i}`, `F-${i}`, 'Lyon']);
    rows.push(['New Name', 'R-1', 'Paris']);
    // Next batch: the new name alone finds the renamed customer.
    rows.push(['New Name', '', 'Nantes']);
    for (let i = BATCH_LINES; rows.length < BATCH_LINES + 10; i++)
      rows.push([`Filler ${i}`, `F-${i}`, 'Lyon']);

    const s = await previewThenApply(actor, 'customers', csv([header, ...rows]));

    expect(s.errors).toEqual([]);
    expect(s.lines).toEqual({ created: rows.length - 2, updated: 2, unchanged: 0, error: 0, blank: 0 });
    const customers = await customersOf(ctx, actor.organizationId);
    expect(customers.filter((c) => c.external_id === 'R-1').map((c) => [c.name, c.city])).toEqual([
      ['New Name', 'Nantes'],
    ]);
    expect(customers).toHaveLength(rows.length - 1);
  });

  it('update an invoice the batch before created, and add a contact to its customer', async () => {
    const actor = await buildOrganization(ctx);
    const header = [
      'Invoice number',
      'Customer name',
      'Customer external ID',
      'Contact email',
      'Issue date',
      'Due date',
      'Amount',
    ];
    const invoice = (n: string, amount: string, email = '') => [
      n,
      `Client ${n}`,
      `C-${n}`,
      email,
      '2025-01-31',
      '2025-03-02',
      amount,
    ];
    const rows: string[][] = [];
    for (let i = 1; rows.length < BATCH_LINES - 1; i++) rows.push(invoice(`F-${i}`, '10'));
    rows.push(invoice('F-EDGE', '100', 'a@edge.example'));
    // Next batch: the same invoice by its number alone (no customer cells), a new amount and another contact.
    rows.push(['F-EDGE', '', '', 'b@edge.example', '2025-01-31', '2025-03-02', '150']);
    for (let i = BATCH_LINES; rows.length < BATCH_LINES + 5; i++) rows.push(invoice(`F-${i}`, '10'));

    const s = await previewThenApply(actor, 'invoices', csv([header, ...rows]));

    expect(s.errors).toEqual([]);
    expect(s.lines).toEqual({ created: rows.length - 1, updated: 1, unchanged: 0, error: 0, blank: 0 });
    const { rows: edge } = await ctx.system.pool.query<{ amount: string; emails: string[] }>(
      `select i.amount::text as amount, array_agg(k.email order by k.email) as emails
         from invoices i join contacts k on k.customer_id = i.customer_id
        where i.organization_id = $1 and i.number = 'F-EDGE' group by i.amount`,
      [actor.organizationId],
    );
    expect(edge).toEqual([{ amount: '150.00', emails: ['a@edge.example', 'b@edge.example'] }]);
  });
});
