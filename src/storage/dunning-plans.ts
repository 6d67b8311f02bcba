import type { Kysely } from 'kysely';
import type { DB, DunningPlan, Position } from './schema.ts';

/** A step of a plan as stored. */
export interface StepRow {
  step_number: number;
  days_from_due: number;
  recipient_positions: Position[];
  include_main_contact: boolean;
}

/** Inserts a plan with its steps. */
export async function insertPlan(
  db: Kysely<DB>,
  organizationId: string,
  plan: { name: string; name_key: string },
  steps: StepRow[],
): Promise<DunningPlan> {
  const row = await db
    .insertInto('dunning_plans')
    .values({ organization_id: organizationId, ...plan })
    .returningAll()
    .executeTakeFirstOrThrow();
  await replaceSteps(db, organizationId, row.id, steps);
  return row;
}

/** Replaces all steps of a plan. */
export async function replaceSteps(db: Kysely<DB>, organizationId: string, planId: string, steps: StepRow[]) {
  await db
    .deleteFrom('dunning_plan_steps')
    .where('organization_id', '=', organizationId)
    .where('plan_id', '=', planId)
    .execute();
  if (steps.length === 0) return;
  await db
    .insertInto('dunning_plan_steps')
    .values(steps.map((s) => ({ organization_id: organizationId, plan_id: planId, ...s })))
    .execute();
}

/** Renames a plan. */
export async function renamePlan(
  db: Kysely<DB>,
  organizationId: string,
  planId: string,
  plan: { name: string; name_key: string },
): Promise<boolean> {
  const r = await db
    .updateTable('dunning_plans')
    .set(plan)
    .where('organization_id', '=', organizationId)
    .where('id', '=', planId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The organization's plans, by name. */
export async function listPlans(db: Kysely<DB>, organizationId: string): Promise<DunningPlan[]> {
  return db
    .selectFrom('dunning_plans')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .orderBy('name_key')
    .execute();
}

/** One plan. */
export async function findPlan(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
): Promise<DunningPlan | undefined> {
  return db
    .selectFrom('dunning_plans')
    .selectAll()
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The steps of some plans, in order. */
export async function listSteps(
  db: Kysely<DB>,
  organizationId: string,
  planIds: string[],
): Promise<(StepRow & { plan_id: string })[]> {
  if (planIds.length === 0) return [];
  return db
    .selectFrom('dunning_plan_steps')
    .select(['plan_id', 'step_number', 'days_from_due', 'recipient_positions', 'include_main_contact'])
    .where('organization_id', '=', organizationId)
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('step_number')
    .execute();
}

/** Deletes a plan (customers on it keep no plan). */
export async function deletePlan(db: Kysely<DB>, organizationId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('dunning_plans')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}
