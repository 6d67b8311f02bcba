import { fail, ok, type Result } from '../domain/result.ts';
import { deleteContact, lockContact } from '../storage/contacts.ts';
import { recordAudit } from './audit.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

/** Deletes a contact of a customer. */
export async function removeContact(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
  contactId: string,
): Promise<Result<null>> {
  ctx = inOrganization(ctx, actor);
  const deleted = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockContact(trx, actor.organizationId, customerId, contactId);
    if (!row || !(await deleteContact(trx, actor.organizationId, customerId, contactId))) return false;
    const target = { type: 'contact', id: contactId } as const;
    await recordAudit(trx, actor, 'contact.deleted', target, { email: row.email, customerId });
    return true;
  });
  return deleted ? ok(null) : fail('not_found');
}
