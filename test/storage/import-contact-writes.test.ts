import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONTACT_FIELD_BITS, type ContactState, fieldBits } from '../../src/domain/import-plan/types.ts';
import {
  BATCH_CUSTOMERS_TABLE,
  loadContacts,
  loadCustomers,
  writeContacts,
} from '../../src/storage/import-batch.ts';
import { buildContact, buildCustomer, buildOrganization } from '../helpers/builders.ts';
import { createTestContext } from '../helpers/db.ts';
import { recording } from '../helpers/statements.ts';

/**
 * A batch's contact writes send only the parts that have rows. An update joined to an empty array was planned, at
 * every batch of a first import, as a walk through all of the organization's contacts (docs/performance.md).
 */

const ctx = await createTestContext();

function newContact(customerId: string, email: string, isMain: boolean): ContactState {
  return {
    id: randomUUID(),
    customerId,
    email,
    firstName: null,
    lastName: null,
    phone: null,
    reference: null,
    positions: ['finance'],
    isMain,
    isNew: true,
    dirty: true,
    changed: 0,
  };
}

/** The statements a batch's contact writes send, and the contacts of the customer after them. */
async function write(build: (customerId: string, stored: ContactState[]) => ContactState[]) {
  const actor = await buildOrganization(ctx);
  const customer = await buildCustomer(ctx, actor, { name: 'Acme' });
  await buildContact(ctx, actor, customer.id, { email: 'main@acme.example', isMain: true });
  const client = await ctx.tenants.of(actor.organizationId).pool.connect();
  try {
    await client.query('begin');
    // Read as a batch reads: its customers by their keys, then their contacts.
    await client.query(BATCH_CUSTOMERS_TABLE);
    await loadCustomers(client, actor.organizationId, {
      externalIds: [],
      nameKeys: ['acme'],
      invoiceNumbers: [],
    });
    const stored = await loadContacts(client, actor.organizationId, ['main@acme.example']);
    const db = recording(client);
    await writeContacts(db, actor.organizationId, build(customer.id, stored), new Set());
    const { rows } = await client.query(
      'select email, first_name, positions, is_main from contacts where organization_id = $1 order by email',
      [actor.organizationId],
    );
    await client.query('commit');
    return { sent: db.sent, contacts: rows };
  } finally {
    client.release();
  }
}

const isUpdateOfContacts = (sql: string) => /\bupdate contacts k\b/.test(sql);
const isInsertOfContacts = (sql: string) => /\binsert into contacts\b/.test(sql);

describe("a batch's contact writes", () => {
  it('send no update when the batch only creates contacts', async () => {
    const { sent, contacts } = await write((customerId) => [
      newContact(customerId, 'a@acme.example', false),
      newContact(customerId, 'b@acme.example', false),
    ]);
    expect(sent.filter(isInsertOfContacts)).toHaveLength(1);
    expect(sent.some(isUpdateOfContacts)).toBe(false);
    expect(contacts.map((c) => c.email)).toEqual(['a@acme.example', 'b@acme.example', 'main@acme.example']);
  });

  it('send no insert when the batch only changes contacts', async () => {
    const { sent, contacts } = await write((_, [main]) => [
      { ...main!, firstName: 'Ada', dirty: true, changed: fieldBits(CONTACT_FIELD_BITS, ['firstName']) },
    ]);
    expect(sent.filter(isUpdateOfContacts)).toHaveLength(1);
    expect(sent.some(isInsertOfContacts)).toBe(false);
    expect(contacts).toEqual([
      { email: 'main@acme.example', first_name: 'Ada', positions: [], is_main: true },
    ]);
  });

  it('take the flag from the main contact with one update when a new contact becomes main', async () => {
    const { sent, contacts } = await write((customerId) => [
      newContact(customerId, 'new@acme.example', true),
    ]);
    // The customer's lock, the other main contact losing the flag (alone: no contact of the batch loses it), the
    // insert.
    expect(sent).toHaveLength(3);
    expect(sent.some(isUpdateOfContacts)).toBe(false);
    expect(sent.filter((s) => /\bupdate contacts o\b/.test(s))).toHaveLength(1);
    expect(contacts.map((c) => [c.email, c.is_main])).toEqual([
      ['main@acme.example', false],
      ['new@acme.example', true],
    ]);
  });
});
