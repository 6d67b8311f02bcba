import type { Kysely } from 'kysely';
import { z } from 'zod';
import { validateContactPatch } from '../domain/records/contact.ts';
import { validateCustomerPatch } from '../domain/records/customer.ts';
import { type InvoiceCustomerRef, type ValidInvoice, validateInvoice } from '../domain/records/invoice.ts';
import { fail, invalidFields, ok, type Result } from '../domain/result.ts';
import { insertContact, listContactsOfCustomer } from '../storage/contacts.ts';
import {
  findCustomer,
  findCustomerByExternalId,
  findCustomerByNameKey,
  insertCustomer,
  updateCustomer,
} from '../storage/customers.ts';
import { findInvoiceByNumber, insertInvoice } from '../storage/invoices.ts';
import { findOrganization } from '../storage/organizations.ts';
import type { Customer, DB, NewContact, NewCustomer } from '../storage/schema.ts';
import { contactColumns } from './contact-writes.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { customerColumns } from './customer-writes.ts';
import { isUniqueViolation } from './errors.ts';
import { type InvoiceView, invoiceView } from './invoice-view.ts';

const text = z.string().max(2000).nullable().optional();

/** The body of an invoice creation; formats are checked by the domain so that each error names its field. */
export const invoiceInput = z.object({
  number: text,
  customer: z
    .object({ id: z.string().max(100).optional(), name: text, externalId: text })
    .describe('{ id } of an existing customer, or { name, externalId? } to find or create it'),
  contactEmail: text,
  issueDate: text.describe('YYYY-MM-DD'),
  dueDate: text.describe('YYYY-MM-DD'),
  amount: z
    .union([z.string().max(100), z.number()])
    .nullable()
    .optional()
    .describe('decimal string, e.g. "1250.00"'),
  currency: text.describe('ISO 4217, e.g. EUR'),
  status: text.describe('open (default), paid or cancelled'),
});

export type InvoiceInputBody = z.infer<typeof invoiceInput>;

/** A created invoice with what its creation did to the customer and contact. */
export interface InvoiceCreated {
  invoice: InvoiceView;
  customer: { id: string; name: string; created: boolean; externalIdAttached: boolean };
  contact: { id: string; email: string; created: boolean } | null;
}

// Ends the transaction with an expected failure (everything it wrote is rolled back).
class Refused extends Error {
  constructor(readonly result: Result<never>) {
    super('refused');
  }
}

const RACES = [
  'customers_organization_id_name_key_key',
  'customers_external_id_idx',
  'contacts_organization_id_customer_id_email_key',
];

/**
 * Creates an invoice. A customer given by name (and external ID) is found like an import line finds it, and
 * created (source `invoice`) when missing; a contact email not yet among its contacts creates that contact.
 * All or nothing: a refused invoice leaves no customer or contact behind.
 */
export async function createInvoice(
  ctx: ServiceContext,
  actor: Actor,
  input: InvoiceInputBody,
): Promise<Result<InvoiceCreated>> {
  ctx = inOrganization(ctx, actor);
  const org = await findOrganization(ctx.db, actor.organizationId);
  if (!org) return fail('not_found');
  const valid = validateInvoice(input);
  if (!valid.ok) return invalidFields(valid.errors);
  const v = valid.value;
  // A concurrent request may create the same customer or contact between our read and our insert: once it
  // has committed, a second attempt finds it.
  for (let attempt = 0; ; attempt++) {
    try {
      return ok(
        await ctx.db
          .transaction()
          .execute((trx) => writeInvoice(trx, actor.organizationId, org.default_country, v)),
      );
    } catch (e) {
      if (e instanceof Refused) return e.result;
      if (isUniqueViolation(e, 'invoices_organization_id_number_key'))
        return fail('invoice_number_taken', { number: v.number });
      if (attempt === 0 && RACES.some((c) => isUniqueViolation(e, c))) continue;
      throw e;
    }
  }
}

async function writeInvoice(
  trx: Kysely<DB>,
  organizationId: string,
  defaultCountry: string,
  v: ValidInvoice,
): Promise<InvoiceCreated> {
  if (await findInvoiceByNumber(trx, organizationId, v.number))
    throw new Refused(fail('invoice_number_taken', { number: v.number }));
  const c = await findOrCreateCustomer(trx, organizationId, defaultCountry, v.customer);
  let contact: InvoiceCreated['contact'] = null;
  if (v.contactEmail) {
    const existing = (await listContactsOfCustomer(trx, organizationId, c.customer.id)).find(
      (k) => k.email === v.contactEmail,
    );
    if (existing) contact = { id: existing.id, email: existing.email, created: false };
    else {
      const patch = validateContactPatch({ email: v.contactEmail }, { defaultCountry, creating: true });
      if (!patch.ok)
        throw new Refused(invalidFields(patch.errors.map((e) => ({ ...e, field: 'contactEmail' }))));
      const row = await insertContact(trx, {
        ...(contactColumns(patch.set, patch.clear, {}) as NewContact),
        organization_id: organizationId,
        customer_id: c.customer.id,
      });
      contact = { id: row.id, email: row.email, created: true };
    }
  }
  const invoice = await insertInvoice(trx, {
    organization_id: organizationId,
    number: v.number,
    customer_id: c.customer.id,
    issue_date: v.issueDate,
    due_date: v.dueDate,
    amount: v.amount,
    currency: v.currency,
    status: v.status,
  });
  return {
    invoice: invoiceView(invoice),
    customer: {
      id: c.customer.id,
      name: c.customer.name,
      created: c.created,
      externalIdAttached: c.externalIdAttached,
    },
    contact,
  };
}

/** The invoice's customer: by id; else by external ID, then by name (attaching a new external ID); else created. */
async function findOrCreateCustomer(
  trx: Kysely<DB>,
  organizationId: string,
  defaultCountry: string,
  ref: InvoiceCustomerRef,
): Promise<{ customer: Customer; created: boolean; externalIdAttached: boolean }> {
  if ('id' in ref) {
    const customer = await findCustomer(trx, organizationId, ref.id);
    if (!customer)
      throw new Refused(invalidFields([{ field: 'customer.id', code: 'invoice_customer_not_found' }]));
    return { customer, created: false, externalIdAttached: false };
  }
  if (ref.externalId !== undefined) {
    const byId = await findCustomerByExternalId(trx, organizationId, ref.externalId);
    if (byId) return { customer: byId, created: false, externalIdAttached: false };
  }
  const byName =
    ref.nameKey === undefined ? undefined : await findCustomerByNameKey(trx, organizationId, ref.nameKey);
  if (byName) {
    if (ref.externalId === undefined) return { customer: byName, created: false, externalIdAttached: false };
    if (byName.external_id !== null)
      throw new Refused(
        invalidFields([
          {
            field: 'customer.externalId',
            code: 'external_id_conflict',
            params: { existing: byName.external_id, name: byName.name },
          },
        ]),
      );
    const attached = await updateCustomer(trx, organizationId, byName.id, { external_id: ref.externalId });
    return { customer: attached ?? byName, created: false, externalIdAttached: true };
  }
  if (ref.name === undefined)
    throw new Refused(invalidFields([{ field: 'customer.name', code: 'customer_name_required_to_create' }]));
  const patch = validateCustomerPatch(
    { name: ref.name, ...(ref.externalId === undefined ? {} : { externalId: ref.externalId }) },
    { defaultCountry, creating: true },
  );
  if (!patch.ok)
    throw new Refused(invalidFields(patch.errors.map((e) => ({ ...e, field: `customer.${e.field}` }))));
  const customer = await insertCustomer(trx, {
    ...(customerColumns(patch.set, patch.clear, {}) as NewCustomer),
    organization_id: organizationId,
    source: 'invoice',
  });
  return { customer, created: true, externalIdAttached: false };
}
