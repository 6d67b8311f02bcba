import { fail, ok, type Result } from '../domain/result.ts';
import { deleteContact } from '../storage/contacts.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

/** Deletes a contact of a customer. */
export async function removeContact(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
  contactId: string,
): Promise<Result<null>> {
  ctx = inOrganization(ctx, actor);
  return (await deleteContact(ctx.db, actor.organizationId, customerId, contactId))
    ? ok(null)
    : fail('not_found');
}
