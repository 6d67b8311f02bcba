import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** One page of customers for an export, by name key, with the account manager's email and the plan's name. */
export async function customerExportPage(
  db: Kysely<DB>,
  organizationId: string,
  afterKey: string | null,
  limit: number,
) {
  let q = db
    .selectFrom('customers as c')
    .leftJoin('members as m', (j) =>
      j.onRef('m.organization_id', '=', 'c.organization_id').onRef('m.id', '=', 'c.account_manager_id'),
    )
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .leftJoin('dunning_plans as p', (j) =>
      j.onRef('p.organization_id', '=', 'c.organization_id').onRef('p.id', '=', 'c.dunning_plan_id'),
    )
    .where('c.organization_id', '=', organizationId)
    .select([
      'c.name_key',
      'c.name',
      'c.external_id',
      'c.email',
      'c.phone',
      'c.address_line1',
      'c.address_line2',
      'c.postal_code',
      'c.city',
      'c.country',
      'c.vat_number',
      'u.email as account_manager_email',
      'p.name as dunning_plan_name',
    ]);
  if (afterKey !== null) q = q.where('c.name_key', '>', afterKey);
  return q.orderBy('c.name_key').limit(limit).execute();
}

/** One page of contacts for an export, by customer then email, with the customer's name and external ID. */
export async function contactExportPage(
  db: Kysely<DB>,
  organizationId: string,
  after: { nameKey: string; email: string } | null,
  limit: number,
) {
  let q = db
    .selectFrom('contacts as k')
    .innerJoin('customers as c', (j) =>
      j.onRef('c.organization_id', '=', 'k.organization_id').onRef('c.id', '=', 'k.customer_id'),
    )
    .where('k.organization_id', '=', organizationId)
    .select([
      'c.name_key',
      'c.name as customer_name',
      'c.external_id as customer_external_id',
      'k.email',
      'k.is_main',
      'k.first_name',
      'k.last_name',
      'k.phone',
      'k.reference',
      'k.positions',
    ]);
  if (after) {
    const { nameKey, email } = after;
    q = q.where((eb) =>
      eb.or([
        eb('c.name_key', '>', nameKey),
        eb.and([eb('c.name_key', '=', nameKey), eb('k.email', '>', email)]),
      ]),
    );
  }
  return q.orderBy('c.name_key').orderBy('k.email').limit(limit).execute();
}
