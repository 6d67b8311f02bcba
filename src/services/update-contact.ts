import type { Kysely } from 'kysely';
import { validateContactPatch } from '../domain/records/contact.ts';
import { fail, invalidFields, ok, type Result } from '../domain/result.ts';
import { CONTACT_COLUMNS } from '../storage/columns.ts';
import {
  clearMainContact,
  findContact,
  lockContact,
  lockCustomerForMainContact,
  updateContact,
} from '../storage/contacts.ts';
import { findOrganization } from '../storage/organizations.ts';
import type { Contact, DB } from '../storage/schema.ts';
import { fieldChanges, recordAudit } from './audit.ts';
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
      // The customer before its contact: the order every writer of the main flag locks in.
      if (isMain !== undefined) await lockCustomerForMainContact(trx, actor.organizationId, customerId);
      const before = await lockContact(trx, actor.organizationId, customerId, contactId);
      if (!before) return undefined;
      if (isMain) await clearMainContact(trx, actor.organizationId, customerId, contactId);
      const after = await updateContact(trx, actor.organizationId, customerId, contactId, values);
      if (after) await auditEdit(trx, actor, before, after);
      return after;
    });
    return row ? ok(contactView(row)) : fail('not_found');
  } catch (e) {
    const failure = contactWriteFailure(e, values.email);
    if (failure) return failure;
    throw e;
  }
}

/** Records what an edit changed: becoming the main contact alone is its own action; no change, no event. */
async function auditEdit(db: Kysely<DB>, actor: Actor, before: Contact, after: Contact): Promise<void> {
  const changes = fieldChanges(CONTACT_COLUMNS, before, after);
  const fields = Object.keys(changes);
  if (fields.length === 0) return;
  const mainOnly = fields.length === 1 && fields[0] === 'isMain' && after.is_main;
  await recordAudit(
    db,
    actor,
    mainOnly ? 'contact.main_set' : 'contact.updated',
    { type: 'contact', id: after.id },
    { email: after.email, customerId: after.customer_id, changes },
  );
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
