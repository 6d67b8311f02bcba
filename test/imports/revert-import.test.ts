import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { revertImport } from '../../src/services/imports/revert-import.ts';
import { editCustomer } from '../../src/services/update-customer.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { contactsOf, csv, customersOf, runImportText } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();
let actor: Actor;

beforeEach(async () => {
  actor = await buildOrganization(ctx);
});

const header = ['Customer name', 'Email', 'First name', 'Main contact'];

describe('revert', () => {
  it('removes what the import created and puts back what it changed', async () => {
    const acme = await buildCustomer(ctx, actor, { name: 'Acme' });
    await buildContact(ctx, actor, acme.id, { email: 'old@acme.fr', firstName: 'Old', isMain: true });
    const customersBefore = await customersOf(ctx, actor.organizationId);
    const contactsBefore = await contactsOf(ctx, actor.organizationId);
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        header,
        ['Acme', 'old@acme.fr', 'Renamed', ''],
        ['Acme', 'new@acme.fr', 'New', '1'],
        ['Fresh Co', 'f@fresh.fr', 'F', ''],
      ]),
    );
    expect(s.records).toEqual({
      customers: { created: 1, updated: 0 },
      contacts: { created: 2, updated: 1 },
    });
    const r = await revertImport(ctx, actor, s.id);
    expect(r.ok && r.value.status).toBe('reverted');
    expect(r.ok && r.value.revertReport).toMatchObject({ conflicts: [] });
    expect(await customersOf(ctx, actor.organizationId)).toEqual(customersBefore);
    expect(await contactsOf(ctx, actor.organizationId)).toEqual(contactsBefore);
  });

  it('reports a record changed after the import instead of overwriting it', async () => {
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([
        ['Name', 'City'],
        ['Kept', 'Lyon'],
        ['Removed', 'Paris'],
      ]),
    );
    const kept = (
      await ctx.system.pool.query("select id from customers where name = 'Kept' and organization_id = $1", [
        actor.organizationId,
      ])
    ).rows[0];
    const edited = await editCustomer(ctx, actor, kept.id, { city: 'Marseille' });
    expect(edited.ok).toBe(true);
    const r = await revertImport(ctx, actor, s.id);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.revertReport).toMatchObject({
      deleted: 1,
      conflicts: [{ line: 2, entity: 'customer', recordId: kept.id, code: 'revert_changed_since' }],
    });
    expect((await customersOf(ctx, actor.organizationId)).map((c) => [c.name, c.city])).toEqual([
      ['Kept', 'Marseille'],
    ]);
  });

  it('keeps a created customer that has since gained a contact', async () => {
    const s = await runImportText(ctx, actor, 'customers', csv([['Name'], ['Grown']]));
    const grown = (await ctx.system.pool.query("select id from customers where name = 'Grown'")).rows[0];
    await buildContact(ctx, actor, grown.id, { email: 'later@grown.fr' });
    const r = await revertImport(ctx, actor, s.id);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.revertReport).toMatchObject({
      deleted: 0,
      conflicts: [{ code: 'revert_has_dependents' }],
    });
    expect(await contactsOf(ctx, actor.organizationId)).toHaveLength(1);
  });

  it('puts everything back when its change log spans several batches, a record changed in two of them', async () => {
    // 2,500 contacts of 50 customers, then a file that renames all of them (the first 100 twice: once near its
    // top, once past line 4,000, in another batch of lines and another row of the change log) and adds 2,000.
    const contact = (i: number, first: string) => [`Client ${i % 50}`, `c${i}@client.fr`, first, ''];
    const first = Array.from({ length: 2_500 }, (_, i) => contact(i, `First ${i}`));
    expect((await runImportText(ctx, actor, 'contacts', csv([header, ...first]))).status).toBe('success');
    const customersBefore = await customersOf(ctx, actor.organizationId);
    const contactsBefore = await contactsOf(ctx, actor.organizationId);
    const second = [
      ...Array.from({ length: 2_500 }, (_, i) => contact(i, `Renamed ${i}`)),
      ...Array.from({ length: 2_000 }, (_, i) => contact(2_500 + i, `New ${i}`)),
      ...Array.from({ length: 100 }, (_, i) => contact(i, `Renamed again ${i}`)),
    ];
    const s = await runImportText(ctx, actor, 'contacts', csv([header, ...second]));
    expect(s.records.contacts).toEqual({ created: 2_000, updated: 2_500 });
    const { rows } = await ctx.system.pool.query<{ n: number }>(
      'select count(*)::int as n from import_change_batches where import_id = $1',
      [s.id],
    );
    expect(rows[0]!.n).toBeGreaterThanOrEqual(3);
    const r = await revertImport(ctx, actor, s.id);
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.revertReport).toMatchObject({ deleted: 2_000, restored: 2_600, conflicts: [] });
    expect(await customersOf(ctx, actor.organizationId)).toEqual(customersBefore);
    expect(await contactsOf(ctx, actor.organizationId)).toEqual(contactsBefore);
  });

  it('refuses to revert twice, or to revert a preview', async () => {
    const s = await runImportText(ctx, actor, 'customers', csv([['Name'], ['Once']]));
    expect((await revertImport(ctx, actor, s.id)).ok).toBe(true);
    const again = await revertImport(ctx, actor, s.id);
    expect(!again.ok && again.error.code).toBe('import_not_revertible');
    const preview = await runImportText(ctx, actor, 'customers', csv([['Name'], ['Dry']]), { dryRun: true });
    const r = await revertImport(ctx, actor, preview.id);
    expect(!r.ok && r.error.code).toBe('import_not_revertible');
  });
});
