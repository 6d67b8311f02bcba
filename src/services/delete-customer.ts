import { fail, ok, type Result } from '../domain/result.ts';
import { deleteCustomer, lockCustomer } from '../storage/customers.ts';
import { recordAudit } from './audit.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

/** Deletes a customer with its contacts and invoices. */
export async function removeCustomer(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<null>> {
  ctx = inOrganization(ctx, actor);
  const deleted = await ctx.db.transaction().execute(async (trx) => {
    const row = await lockCustomer(trx, actor.organizationId, id);
    if (!row || !(await deleteCustomer(trx, actor.organizationId, id))) return false;
    await recordAudit(
      trx,
      actor,
      'customer.deleted',
      { type: 'customer', id },
      { name: row.name, externalId: row.external_id },
    );
    return true;
  });
  return deleted ? ok(null) : fail('not_found');
}
