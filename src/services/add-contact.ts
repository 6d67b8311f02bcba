import { validateContactPatch } from '../domain/records/contact.ts';
import { fail, invalidFields, ok, type Result } from '../domain/result.ts';
import { CONTACT_COLUMNS } from '../storage/columns.ts';
import { clearMainContact, insertContact, lockCustomerForMainContact } from '../storage/contacts.ts';
import { findCustomer } from '../storage/customers.ts';
import { findOrganization } from '../storage/organizations.ts';
import type { NewContact } from '../storage/schema.ts';
import { fieldValues, recordAudit } from './audit.ts';
import { type ContactInput, type ContactView, contactView } from './contact-view.ts';
import { contactColumns, contactWriteFailure } from './contact-writes.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

/** Adds a contact to a customer; marking it main clears the previous main contact. */
export async function addContact(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
  input: ContactInput,
): Promise<Result<ContactView>> {
  ctx = inOrganization(ctx, actor);
  const org = await findOrganization(ctx.db, actor.organizationId);
  if (!org || !(await findCustomer(ctx.db, actor.organizationId, customerId))) return fail('not_found');
  const { positions, isMain, ...fields } = input;
  const patch = validateContactPatch(fields, { defaultCountry: org.default_country, creating: true });
  if (!patch.ok) return invalidFields(patch.errors);
  const values = contactColumns(patch.set, patch.clear, { positions, isMain });
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      if (isMain) {
        await lockCustomerForMainContact(trx, actor.organizationId, customerId);
        await clearMainContact(trx, actor.organizationId, customerId);
      }
      const created = await insertContact(trx, {
        ...(values as NewContact),
        organization_id: actor.organizationId,
        customer_id: customerId,
      });
      await recordAudit(
        trx,
        actor,
        'contact.created',
        { type: 'contact', id: created.id },
        { email: created.email, customerId, fields: fieldValues(CONTACT_COLUMNS, created) },
      );
      return created;
    });
    return ok(contactView(row));
  } catch (e) {
    const failure = contactWriteFailure(e, values.email);
    if (failure) return failure;
    throw e;
  }
}
