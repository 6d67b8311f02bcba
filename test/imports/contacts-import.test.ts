import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { contactsOf, csv, customersOf, runImportText } from '../helpers/imports.ts';

const ctx: ServiceContext = await createTestContext();
let actor: Actor;

beforeEach(async () => {
  actor = await buildOrganization(ctx);
});

// The French column names of the seed article.
const fr = [
  'Nom du client',
  'Identifiant Externe du client',
  'Adresse mail',
  'Contact principal',
  'Prénom',
  'Nom de famille',
  'Numéro de téléphone',
  'Référence',
  'Position',
];

describe('contacts import', () => {
  it('reads the seed article’s French columns from a Windows-1252 file with `;`, creating the customer too', async () => {
    const text = csv(
      [
        fr,
        [
          'Société Générale',
          'C-001',
          'Jean@SG.fr',
          '1',
          'Jean',
          'Dupont',
          '06 12 34 56 78',
          'R1',
          'Comptable, Acheteur',
        ],
      ],
      ';',
    );
    const s = await runImportText(ctx, actor, 'contacts', Buffer.from(text, 'latin1'));
    expect(s.lines).toMatchObject({ created: 1, error: 0 });
    expect(s.records).toEqual({
      customers: { created: 1, updated: 0 },
      contacts: { created: 1, updated: 0 },
    });
    expect(await contactsOf(ctx, actor.organizationId)).toEqual([
      {
        customer: 'Société Générale',
        email: 'jean@sg.fr',
        first_name: 'Jean',
        last_name: 'Dupont',
        phone: '+33612345678',
        reference: 'R1',
        positions: ['accounting', 'buyer'],
        is_main: true,
      },
    ]);
  });

  it('several contacts for one customer, each line its own contact', async () => {
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        ['Customer name', 'Email', 'First name'],
        ['Acme', 'a@acme.fr', 'A'],
        ['Acme', 'b@acme.fr', 'B'],
        ['ACME', 'c@acme.fr', 'C'],
      ]),
    );
    expect(s.lines.created).toBe(3);
    expect(s.records.customers.created).toBe(1);
    expect((await contactsOf(ctx, actor.organizationId)).map((c) => c.email)).toEqual([
      'a@acme.fr',
      'b@acme.fr',
      'c@acme.fr',
    ]);
  });

  it('a changed contact email makes a new contact, it never renames one', async () => {
    const customer = await buildCustomer(ctx, actor, { name: 'Acme' });
    await buildContact(ctx, actor, customer.id, { email: 'old@acme.fr', firstName: 'Jo' });
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        ['Customer name', 'Email', 'First name'],
        ['Acme', 'new@acme.fr', 'Jo'],
      ]),
    );
    expect(s.lines.created).toBe(1);
    expect((await contactsOf(ctx, actor.organizationId)).map((c) => c.email)).toEqual([
      'new@acme.fr',
      'old@acme.fr',
    ]);
  });

  it('empty cells do not erase a contact’s stored values', async () => {
    const customer = await buildCustomer(ctx, actor, { name: 'Acme' });
    await buildContact(ctx, actor, customer.id, {
      email: 'jo@acme.fr',
      firstName: 'Jo',
      phone: '0612345678',
    });
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        ['Customer name', 'Email', 'First name', 'Phone', 'Last name'],
        ['Acme', 'jo@acme.fr', '', '', 'Durand'],
      ]),
    );
    expect(s.lines.updated).toBe(1);
    expect((await contactsOf(ctx, actor.organizationId))[0]).toMatchObject({
      first_name: 'Jo',
      phone: '+33612345678',
      last_name: 'Durand',
    });
  });

  it('a line marked main makes that contact the main contact and clears the previous one', async () => {
    const customer = await buildCustomer(ctx, actor, { name: 'Acme' });
    await buildContact(ctx, actor, customer.id, { email: 'old@acme.fr', isMain: true });
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        ['Customer name', 'Email', 'Main contact'],
        ['Acme', 'new@acme.fr', 'oui'],
      ]),
    );
    expect(s.records.contacts).toEqual({ created: 1, updated: 1 });
    expect((await contactsOf(ctx, actor.organizationId)).map((c) => [c.email, c.is_main])).toEqual([
      ['new@acme.fr', true],
      ['old@acme.fr', false],
    ]);
  });

  it('two lines of one file marking different main contacts for one customer: the later is an error', async () => {
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        ['Customer name', 'Email', 'Main contact'],
        ['Acme', 'a@acme.fr', '1'],
        ['Acme', 'b@acme.fr', 'x'],
        ['Acme', 'a@acme.fr', 'yes'],
      ]),
    );
    expect(s.lines).toMatchObject({ created: 1, unchanged: 1, error: 1 });
    expect(s.errors).toEqual([
      expect.objectContaining({ line: 3, column: 'Main contact', code: 'duplicate_main_contact' }),
    ]);
    expect(s.errors[0]?.message).toContain('a@acme.fr');
    expect((await contactsOf(ctx, actor.organizationId)).map((c) => [c.email, c.is_main])).toEqual([
      ['a@acme.fr', true],
    ]);
  });

  it('finds the customer by external ID, and refuses to create one from an external ID alone', async () => {
    await buildCustomer(ctx, actor, { name: 'Known', externalId: 'K-1' });
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        ['Customer external ID', 'Email'],
        ['K-1', 'a@known.fr'],
        ['U-9', 'b@unknown.fr'],
      ]),
    );
    expect(s.lines).toMatchObject({ created: 1, error: 1 });
    expect(s.errors[0]).toMatchObject({ line: 3, code: 'customer_name_required_to_create', value: 'U-9' });
  });

  it('update only: a line for an unknown contact is an error', async () => {
    const customer = await buildCustomer(ctx, actor, { name: 'Acme' });
    await buildContact(ctx, actor, customer.id, { email: 'jo@acme.fr' });
    const s = await runImportText(
      ctx,
      actor,
      'contacts',
      csv([
        ['Customer name', 'Email', 'Last name'],
        ['Acme', 'jo@acme.fr', 'Durand'],
        ['Acme', 'new@acme.fr', 'X'],
      ]),
      { mode: 'update_only' },
    );
    expect(s.lines).toMatchObject({ updated: 1, error: 1 });
    expect(s.errors[0]).toMatchObject({ line: 3, code: 'contact_not_found' });
    expect(await customersOf(ctx, actor.organizationId)).toHaveLength(1);
  });

  it('a required column missing is a file-level error: no line runs', async () => {
    await expect(
      runImportText(
        ctx,
        actor,
        'contacts',
        csv([
          ['Customer name', 'First name'],
          ['Acme', 'Jo'],
        ]),
      ),
    ).rejects.toThrow(/mapping_incomplete/);
    expect(await customersOf(ctx, actor.organizationId)).toEqual([]);
  });
});
