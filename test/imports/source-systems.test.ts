import { describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { disableFeature, enableFeature } from '../../src/services/feature-flags.ts';
import { uploadImport } from '../../src/services/imports/upload-import.ts';
import { updateOrganization } from '../../src/storage/organizations.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { contactsOf, csv, runImportText } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();

type System = 'none' | 'native' | 'api' | 'salesforce_native' | 'salesforce_api';

/** An organization on a source system, with Acme and its contact jo@acme.fr (main info set, not main). */
async function orgOn(system: System, opts: { mainFromIntegration?: boolean } = {}): Promise<Actor> {
  const actor = await buildOrganization(ctx);
  await updateOrganization(ctx.system.db, actor.organizationId, {
    source_system: system,
    main_contact_from_integration: opts.mainFromIntegration ?? false,
  });
  const acme = await buildCustomer(ctx, actor, { name: 'Acme' });
  await buildContact(ctx, actor, acme.id, { email: 'jo@acme.fr', firstName: 'Jo', phone: '0612345678' });
  await buildContact(ctx, actor, acme.id, { email: 'old-main@acme.fr', isMain: true });
  return actor;
}

// Jo gets a new first name and phone (main info), a position, and becomes main; a line adds an unknown contact.
const file = csv([
  ['Customer name', 'Email', 'First name', 'Phone', 'Position', 'Main contact'],
  ['Acme', 'jo@acme.fr', 'Joseph', '0700000000', 'Comptable', '1'],
  ['Acme', 'new@acme.fr', 'New', '', 'Finance', ''],
]);

async function jo(actor: Actor) {
  return (await contactsOf(ctx, actor.organizationId)).find((c) => c.email === 'jo@acme.fr');
}

describe('contacts import by source system (PRODUCT.md table, one test per row)', () => {
  it('none: main info, positions and main contact are all imported', async () => {
    const actor = await orgOn('none');
    const s = await runImportText(ctx, actor, 'contacts', file);
    expect(s.lines).toMatchObject({ updated: 1, created: 1, error: 0 });
    expect(await jo(actor)).toMatchObject({
      first_name: 'Joseph',
      phone: '+33700000000',
      positions: ['accounting'],
      is_main: true,
    });
    expect(s.warnings).toEqual([]);
  });

  it('native integration: main info is ignored with a warning; positions and main contact are imported; unknown contacts are refused', async () => {
    const actor = await orgOn('native');
    const s = await runImportText(ctx, actor, 'contacts', file);
    expect(await jo(actor)).toMatchObject({
      first_name: 'Jo',
      phone: '+33612345678',
      positions: ['accounting'],
      is_main: true,
    });
    expect(s.warnings.map((w) => w.code)).toEqual(['source_locked_columns_ignored']);
    expect(s.warnings[0]?.message).toContain('First name, Phone');
    expect(s.errors).toEqual([expect.objectContaining({ line: 3, code: 'contact_not_found_source_locked' })]);
    expect((await contactsOf(ctx, actor.organizationId)).map((c) => c.email)).not.toContain('new@acme.fr');
  });

  it('API: main info, positions and main contact are all imported', async () => {
    const actor = await orgOn('api');
    const s = await runImportText(ctx, actor, 'contacts', file);
    expect(s.lines).toMatchObject({ updated: 1, created: 1, error: 0 });
    expect(await jo(actor)).toMatchObject({ first_name: 'Joseph', positions: ['accounting'], is_main: true });
  });

  it('Salesforce + native integration: main info locked; positions and main contact imported', async () => {
    const actor = await orgOn('salesforce_native');
    const s = await runImportText(ctx, actor, 'contacts', file);
    expect(await jo(actor)).toMatchObject({ first_name: 'Jo', positions: ['accounting'], is_main: true });
    expect(s.lines).toMatchObject({ updated: 1, error: 1 });
  });

  it('Salesforce + API: main info locked; positions and main contact imported', async () => {
    const actor = await orgOn('salesforce_api');
    const s = await runImportText(ctx, actor, 'contacts', file);
    expect(await jo(actor)).toMatchObject({ first_name: 'Jo', positions: ['accounting'], is_main: true });
    expect(s.warnings.map((w) => w.code)).toEqual(['source_locked_columns_ignored']);
  });

  it('"main contact from integration": the main contact column is ignored with a warning', async () => {
    const actor = await orgOn('none', { mainFromIntegration: true });
    const s = await runImportText(ctx, actor, 'contacts', file);
    expect(await jo(actor)).toMatchObject({ first_name: 'Joseph', is_main: false });
    expect(
      (await contactsOf(ctx, actor.organizationId)).find((c) => c.email === 'old-main@acme.fr')?.is_main,
    ).toBe(true);
    expect(s.warnings.map((w) => w.code)).toEqual(['main_contact_column_ignored']);
  });
});

describe('customers locked and feature access', () => {
  const body = () =>
    (async function* () {
      yield Buffer.from('Name\nAcme\n');
    })();

  it('refuses a customers file where customers are not updatable by files, and accepts assignments', async () => {
    const actor = await buildOrganization(ctx);
    await updateOrganization(ctx.system.db, actor.organizationId, { customers_updatable_by_files: false });
    const refused = await uploadImport(ctx, actor, { kind: 'customers', fileName: 'c.csv', body: body() });
    expect(!refused.ok && refused.error.code).toBe('customers_locked');
    const assignments = await uploadImport(ctx, actor, {
      kind: 'assignments',
      fileName: 'a.csv',
      body: (async function* () {
        yield Buffer.from('Customer name,Dunning plan\nAcme,Standard\n');
      })(),
    });
    expect(assignments.ok).toBe(true);
  });

  it('refuses a contacts import while the contact-import feature is off, and accepts it once on', async () => {
    const actor = await buildOrganization(ctx);
    await disableFeature(ctx, { ...actor, via: 'cli', memberId: null }, 'contact-import');
    const refused = await uploadImport(ctx, actor, { kind: 'contacts', fileName: 'k.csv', body: body() });
    expect(!refused.ok && refused.error.code).toBe('feature_disabled');
    await enableFeature(ctx, { ...actor, via: 'cli', memberId: null }, 'contact-import');
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        ['Customer name', 'Email'],
        ['Acme', 'a@acme.fr'],
      ]),
    );
    expect(s.lines.created).toBe(1);
  });
});
