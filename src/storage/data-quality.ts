import { type Kysely, sql } from 'kysely';
import type { DB, Position } from './schema.ts';

/**
 * Counts behind the data-quality summary. Each is one statement bounded by the organization's key, answered
 * from indexes: anti-joins on contacts (organization_id, customer_id, ...) and the partial indexes of
 * migrations 0001 (main contacts) and 0005 (contacts without position, customers of a plan).
 */

/** Customers of the organization without any contact. */
export async function countCustomersWithoutContact(db: Kysely<DB>, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom('customers as c')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('c.organization_id', '=', organizationId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contacts as k')
            .select(sql`1`.as('one'))
            .whereRef('k.organization_id', '=', 'c.organization_id')
            .whereRef('k.customer_id', '=', 'c.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Customers of the organization without a main contact (those without any contact included). */
export async function countCustomersWithoutMainContact(
  db: Kysely<DB>,
  organizationId: string,
): Promise<number> {
  const row = await db
    .selectFrom('customers as c')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('c.organization_id', '=', organizationId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contacts as k')
            .select(sql`1`.as('one'))
            .whereRef('k.organization_id', '=', 'c.organization_id')
            .whereRef('k.customer_id', '=', 'c.id')
            .where('k.is_main', '=', true),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Contacts of the organization without any position, and how many customers have such a contact. */
export async function countContactsWithoutPosition(
  db: Kysely<DB>,
  organizationId: string,
): Promise<{ contacts: number; customers: number }> {
  // The predicate is written exactly as the partial index's, so the planner can use it.
  const row = await db
    .selectFrom('contacts')
    .select([
      sql<number>`count(*)::int`.as('contacts'),
      sql<number>`count(distinct customer_id)::int`.as('customers'),
    ])
    .where('organization_id', '=', organizationId)
    .where(sql<boolean>`positions = '{}'`)
    .executeTakeFirstOrThrow();
  return row;
}

/**
 * Customers on a plan who would get a step's reminder with nobody to send it to: no contact with one of the
 * step's positions and, unless the step includes it and it exists, no main contact.
 */
export async function countCustomersWithoutRecipient(
  db: Kysely<DB>,
  organizationId: string,
  planId: string,
  step: { positions: Position[]; includeMainContact: boolean },
): Promise<number> {
  const positions = sql`${step.positions}::text[]`;
  const row = await db
    .selectFrom('customers as c')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('c.organization_id', '=', organizationId)
    .where('c.dunning_plan_id', '=', planId)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('contacts as k')
            .select(sql`1`.as('one'))
            .whereRef('k.organization_id', '=', 'c.organization_id')
            .whereRef('k.customer_id', '=', 'c.id')
            .where((eb) => {
              const match = eb(sql`k.positions`, '&&', positions);
              return step.includeMainContact ? eb.or([match, eb('k.is_main', '=', true)]) : match;
            }),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return row.n;
}
