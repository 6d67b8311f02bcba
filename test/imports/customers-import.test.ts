import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { previewImport } from '../../src/services/imports/preview-import.ts';
import { buildCustomer, buildMember, buildOrganization, buildPlan } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { csv, customersOf, rowVersions, runImportText } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();
let actor: Actor;

beforeEach(async () => {
  actor = await buildOrganization(ctx);
});

const header = ['Name', 'External ID', 'Email', 'Phone', 'Address line 1', 'Postal code', 'City', 'Country'];

describe('customers import: create or update', () => {
  it('creates a customer whose name is new and updates one whose name is known (case and accents ignored)', async () => {
    await buildCustomer(ctx, actor, { name: 'Société Générale' });
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([
        header,
        ['SOCIETE GENERALE', '', 'compta@sg.fr', '', '', '', '', ''],
        ['New Co', '', '', '', '', '', '', ''],
      ]),
    );
    expect(s.lines).toEqual({ created: 1, updated: 1, unchanged: 0, error: 0, blank: 0 });
    expect(s.records.customers).toEqual({ created: 1, updated: 1 });
    const rows = await customersOf(ctx, actor.organizationId);
    expect(rows.map((r) => [r.name, r.email, r.source])).toEqual([
      ['New Co', null, 'import'],
      ['Société Générale', 'compta@sg.fr', 'manual'],
    ]);
  });

  it('finds the customer by external ID first, even when the name in the file differs, and renames it', async () => {
    await buildCustomer(ctx, actor, { name: 'Old Name', externalId: 'C-1' });
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([header, ['New Name', 'C-1', '', '', '', '', '', '']]),
    );
    expect(s.lines.updated).toBe(1);
    expect((await customersOf(ctx, actor.organizationId)).map((r) => [r.name, r.external_id])).toEqual([
      ['New Name', 'C-1'],
    ]);
  });

  it('attaches a new external ID to a customer found by name that has none', async () => {
    await buildCustomer(ctx, actor, { name: 'Dupont SA' });
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([header, ['Dupont SA', 'EXT-9', '', '', '', '', '', '']]),
    );
    expect(s.lines.updated).toBe(1);
    expect((await customersOf(ctx, actor.organizationId))[0].external_id).toBe('EXT-9');
  });

  it('adds an address to an existing customer by import', async () => {
    await buildCustomer(ctx, actor, { name: 'Martin', email: 'm@martin.fr', phone: '0123456789' });
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([header, ['Martin', '', '', '', '12 rue de la Paix', '75002', 'Paris', 'France']]),
    );
    expect(s.lines.updated).toBe(1);
    expect((await customersOf(ctx, actor.organizationId))[0]).toMatchObject({
      email: 'm@martin.fr',
      phone: '+33123456789',
      address_line1: '12 rue de la Paix',
      postal_code: '75002',
      city: 'Paris',
      country: 'FR',
    });
  });

  it('never erases with an empty cell', async () => {
    await buildCustomer(ctx, actor, { name: 'Keep', email: 'keep@me.fr', city: 'Lyon' });
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([header, ['Keep', '', '', '', '', '', '', '']]),
    );
    expect(s.lines.unchanged).toBe(1);
    expect((await customersOf(ctx, actor.organizationId))[0]).toMatchObject({
      email: 'keep@me.fr',
      city: 'Lyon',
    });
  });

  it('applies duplicate lines in file order: the later non-empty cell wins, earlier values stay', async () => {
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([
        header,
        ['Twice', '', 'first@t.fr', '', '', '', 'Nantes', ''],
        ['twice', '', 'second@t.fr', '', '', '', '', ''],
        ['TWICE', '', 'second@t.fr', '', '', '', '', ''],
      ]),
    );
    expect(s.lines).toMatchObject({ created: 1, updated: 1, unchanged: 1 });
    expect((await customersOf(ctx, actor.organizationId))[0]).toMatchObject({
      name: 'Twice',
      email: 'second@t.fr',
      city: 'Nantes',
    });
  });

  it('re-importing the same file changes nothing and writes nothing', async () => {
    const file = csv([
      header,
      ['A', 'X1', 'a@a.fr', '', '', '', '', ''],
      ['B', '', '', '0612345678', '', '', '', 'FR'],
    ]);
    await runImportText(ctx, actor, 'customers', file);
    const before = await rowVersions(ctx, actor.organizationId);
    const again = await runImportText(ctx, actor, 'customers', file);
    expect(again.lines).toEqual({ created: 0, updated: 0, unchanged: 2, error: 0, blank: 0 });
    expect(again.records.customers).toEqual({ created: 0, updated: 0 });
    expect(await rowVersions(ctx, actor.organizationId)).toEqual(before);
    expect(again.warnings.map((w) => w.code)).toContain('duplicate_file');
  });

  it('refuses a new external ID on a name that belongs to a customer with another external ID', async () => {
    await buildCustomer(ctx, actor, { name: 'Conflict SA', externalId: 'A-1' });
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([header, ['Conflict SA', 'B-2', '', '', '', '', '', '']]),
    );
    expect(s.lines.error).toBe(1);
    expect(s.errors[0]).toMatchObject({
      line: 2,
      column: 'External ID',
      value: 'B-2',
      code: 'external_id_conflict',
    });
    expect((await customersOf(ctx, actor.organizationId))[0].external_id).toBe('A-1');
  });

  it('refuses a whole line with every error of it, and applies the other lines', async () => {
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([
        header,
        ['Bad', '', 'not-an-email', '12', '', '', '', 'Atlantis'],
        ['Good', '', '', '', '', '', '', ''],
      ]),
    );
    expect(s.status).toBe('error');
    expect(s.lines).toMatchObject({ created: 1, error: 1 });
    expect(s.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'Email', 'invalid_email'],
      [2, 'Phone', 'invalid_phone'],
      [2, 'Country', 'unknown_country'],
    ]);
    expect((await customersOf(ctx, actor.organizationId)).map((r) => r.name)).toEqual(['Good']);
  });

  it('counts blank lines and skips them', async () => {
    const s = await runImportText(ctx, actor, 'customers', `Name,City\r\nA,X\r\n\r\n  ,\u00a0\r\nB,Y\r\n`);
    expect(s.lines).toMatchObject({ created: 2, blank: 2 });
  });
});

describe('customers import: assignment values', () => {
  it('sets account manager by member email and dunning plan by name, ignoring case and stray spaces', async () => {
    const member = await buildMember(ctx, actor, 'manager@acme.fr');
    const plan = await buildPlan(ctx, actor, 'Relance Standard');
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([
        ['Name', 'Account manager', 'Dunning plan'],
        ['Assigned', ' Manager@ACME.fr ', 'relance\u00a0 standard '],
      ]),
    );
    expect(s.lines.created).toBe(1);
    expect((await customersOf(ctx, actor.organizationId))[0]).toMatchObject({
      account_manager_id: member.id,
      dunning_plan_id: plan.id,
    });
  });

  it('refuses unknown references with the exact English messages and a spelling suggestion', async () => {
    await buildPlan(ctx, actor, 'Relance douce');
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([
        ['Name', 'Account manager', 'Dunning plan'],
        ['X', 'nobody@acme.fr', 'Relance douse'],
        ['Y', '', 'Zzz'],
      ]),
    );
    expect(s.errors.map((e) => e.message)).toEqual([
      'Account manager not found, check the email',
      'Dunning plan not found, check spelling (did you mean "Relance douce"?)',
      'Dunning plan not found, check spelling',
    ]);
    expect(s.errors.map((e) => e.code)).toEqual([
      'account_manager_not_found',
      'dunning_plan_not_found',
      'dunning_plan_not_found',
    ]);
  });
});

describe('customers import: modes and preview', () => {
  it('previews without writing anything, with the same counts the apply then has', async () => {
    await buildCustomer(ctx, actor, { name: 'Existing' });
    const file = csv([
      header,
      ['Existing', '', 'e@e.fr', '', '', '', '', ''],
      ['Fresh', '', '', '', '', '', '', ''],
      ['', '', 'x', '', '', '', '', ''],
    ]);
    const before = await rowVersions(ctx, actor.organizationId);
    const preview = await runImportText(ctx, actor, 'customers', file, { dryRun: true });
    expect(preview).toMatchObject({ dryRun: true, status: 'previewed' });
    expect(await rowVersions(ctx, actor.organizationId)).toEqual(before);
    const applied = await runImportText(ctx, actor, 'customers', file);
    expect(applied.lines).toEqual(preview.lines);
    expect(applied.records).toEqual(preview.records);
    expect(applied.errors).toEqual(preview.errors);
  });

  it('create only: leaves existing customers as they are and reports them unchanged', async () => {
    await buildCustomer(ctx, actor, { name: 'Existing', city: 'Lyon' });
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([header, ['Existing', '', '', '', '', '', 'Paris', ''], ['New', '', '', '', '', '', '', '']]),
      { mode: 'create_only' },
    );
    expect(s.lines).toMatchObject({ created: 1, unchanged: 1 });
    expect((await customersOf(ctx, actor.organizationId)).find((r) => r.name === 'Existing').city).toBe(
      'Lyon',
    );
  });

  it('update only: a line for an unknown customer is an error', async () => {
    await buildCustomer(ctx, actor, { name: 'Existing' });
    const s = await runImportText(
      ctx,
      actor,
      'customers',
      csv([header, ['Existing', '', '', '', '', '', 'Paris', ''], ['Unknown', '', '', '', '', '', '', '']]),
      { mode: 'update_only' },
    );
    expect(s.lines).toMatchObject({ updated: 1, error: 1 });
    expect(s.errors[0]).toMatchObject({ line: 3, code: 'customer_not_found' });
  });
});

describe('a preview whose process died', () => {
  it('can be run again: the new preview takes the import over', async () => {
    const file = csv([header, ['Again', '', '', '', '', '', '', '']]);
    const first = await runImportText(ctx, actor, 'customers', file, { dryRun: true });
    // As if the process had died in the middle of the preview.
    await ctx.system.pool.query("update imports set status = 'previewing' where id = $1", [first.id]);
    const again = await previewImport(ctx, actor, first.id);
    expect(again.ok && again.value.status).toBe('previewed');
    expect(again.ok && again.value.lines).toMatchObject({ created: 1 });
  });
});
