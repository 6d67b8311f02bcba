import { validateContactPatch } from '../domain/records/contact.ts';
import { fail, invalidFields, ok, type Result } from '../domain/result.ts';
import { clearMainContact, findContact, updateContact } from '../storage/contacts.ts';
import { findOrganization } from '../storage/organizations.ts';
import { type ContactInput, type ContactView, contactView } from './contact-view.ts';
import { contactColumns, contactWriteFailure } from './contact-writes.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

/** Edits a contact: given fields are set, null clears them; `isMain: true` makes it the customer's main contact. */
export async function editContact(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
  contactId: string,
  input: ContactInput,
): Promise<Result<ContactView>> {
  ctx = inOrganization(ctx, actor);
  const org = await findOrganization(ctx.db, actor.organizationId);
  if (!org || !(await findContact(ctx.db, actor.organizationId, customerId, contactId)))
    return fail('not_found');
  const { positions, isMain, ...fields } = input;
  const patch = validateContactPatch(fields, { defaultCountry: org.default_country, creating: false });
  if (!patch.ok) return invalidFields(patch.errors);
  const values = contactColumns(patch.set, patch.clear, { positions, isMain });
  try {
    const row = await ctx.db.transaction().execute(async (trx) => {
      if (isMain) await clearMainContact(trx, actor.organizationId, customerId, contactId);
      return updateContact(trx, actor.organizationId, customerId, contactId, values);
    });
    return row ? ok(contactView(row)) : fail('not_found');
  } catch (e) {
    const failure = contactWriteFailure(e, values.email);
    if (failure) return failure;
    throw e;
  }
}

/** Makes a contact its customer's main contact (the previous one stops being main). */
export async function setMainContact(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
  contactId: string,
): Promise<Result<ContactView>> {
  ctx = inOrganization(ctx, actor);
  return editContact(ctx, actor, customerId, contactId, { isMain: true });
}
