import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import { cleanText, nameKey } from '../domain/text.ts';
import {
  deletePlan,
  findPlan,
  insertPlan,
  listPlans,
  listSteps,
  renamePlan,
  replaceSteps,
  type StepRow,
} from '../storage/dunning-plans.ts';
import type { DB, DunningPlan, Position } from '../storage/schema.ts';
import { recordAudit } from './audit.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { isUniqueViolation } from './errors.ts';

const positionEnum = z.enum(['accounting', 'sales', 'buyer', 'finance']);

const stepInput = z.object({
  daysFromDue: z.number().int().min(-365).max(3650),
  positions: z.array(positionEnum).max(4).default([]),
  includeMainContact: z.boolean().default(true),
});

export const planInput = z.object({
  name: z.string().transform(cleanText).pipe(z.string().min(1).max(200)),
  steps: z.array(stepInput).max(50).default([]),
});

export const planUpdateInput = z.object({
  name: z.string().transform(cleanText).pipe(z.string().min(1).max(200)).optional(),
  steps: z.array(stepInput).max(50).optional(),
});

/** A plan and its ordered steps. */
export interface PlanView {
  id: string;
  name: string;
  createdAt: Date;
  steps: { step: number; daysFromDue: number; positions: Position[]; includeMainContact: boolean }[];
}

function toRows(steps: z.infer<typeof stepInput>[]): StepRow[] {
  return steps.map((s, i) => ({
    step_number: i + 1,
    days_from_due: s.daysFromDue,
    recipient_positions: [...new Set(s.positions)],
    include_main_contact: s.includeMainContact,
  }));
}

async function views(ctx: ServiceContext, organizationId: string, plans: DunningPlan[]): Promise<PlanView[]> {
  const steps = await listSteps(
    ctx.db,
    organizationId,
    plans.map((p) => p.id),
  );
  return plans.map((p) => ({
    id: p.id,
    name: p.name,
    createdAt: p.created_at,
    steps: steps
      .filter((s) => s.plan_id === p.id)
      .map((s) => ({
        step: s.step_number,
        daysFromDue: s.days_from_due,
        positions: s.recipient_positions,
        includeMainContact: s.include_main_contact,
      })),
  }));
}

/** Creates a dunning plan (admins); names are unique ignoring case, accents and spaces. */
export async function createPlan(
  ctx: ServiceContext,
  actor: Actor,
  input: z.input<typeof planInput>,
): Promise<Result<PlanView>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const parsed = planInput.safeParse(input);
  if (!parsed.success) return fail('validation_failed', { detail: z.prettifyError(parsed.error) });
  const { name, steps } = parsed.data;
  try {
    const plan = await ctx.db.transaction().execute(async (trx) => {
      const created = await insertPlan(
        trx,
        actor.organizationId,
        { name, name_key: nameKey(name) },
        toRows(steps),
      );
      const target = { type: 'dunning_plan', id: created.id } as const;
      await recordAudit(trx, actor, 'dunning_plan.created', target, { name, steps });
      return created;
    });
    const [view] = await views(ctx, actor.organizationId, [plan]);
    return view ? ok(view) : fail('not_found');
  } catch (e) {
    if (isUniqueViolation(e, 'dunning_plans_organization_id_name_key_key')) {
      return fail('dunning_plan_name_taken', { name });
    }
    throw e;
  }
}

/** The organization's plans with their steps. */
export async function listOrganizationPlans(ctx: ServiceContext, actor: Actor): Promise<PlanView[]> {
  ctx = inOrganization(ctx, actor);
  return views(ctx, actor.organizationId, await listPlans(ctx.db, actor.organizationId));
}

/** One plan with its steps. */
export async function getPlan(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<PlanView>> {
  ctx = inOrganization(ctx, actor);
  const plan = await findPlan(ctx.db, actor.organizationId, id);
  if (!plan) return fail('not_found');
  const [view] = await views(ctx, actor.organizationId, [plan]);
  return view ? ok(view) : fail('not_found');
}

/** Renames a plan and/or replaces its steps (admins). */
export async function updatePlan(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  input: z.input<typeof planUpdateInput>,
): Promise<Result<PlanView>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const parsed = planUpdateInput.safeParse(input);
  if (!parsed.success) return fail('validation_failed', { detail: z.prettifyError(parsed.error) });
  const { name, steps } = parsed.data;
  if (!(await findPlan(ctx.db, actor.organizationId, id))) return fail('not_found');
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await planState(trx, actor.organizationId, id);
      if (name) await renamePlan(trx, actor.organizationId, id, { name, name_key: nameKey(name) });
      if (steps) await replaceSteps(trx, actor.organizationId, id, toRows(steps));
      const after = await planState(trx, actor.organizationId, id);
      const changes = {
        ...(before.name !== after.name ? { name: { before: before.name, after: after.name } } : {}),
        ...(JSON.stringify(before.steps) !== JSON.stringify(after.steps)
          ? { steps: { before: before.steps, after: after.steps } }
          : {}),
      };
      if (Object.keys(changes).length > 0) {
        const target = { type: 'dunning_plan', id } as const;
        await recordAudit(trx, actor, 'dunning_plan.updated', target, { name: after.name, changes });
      }
    });
  } catch (e) {
    if (isUniqueViolation(e, 'dunning_plans_organization_id_name_key_key')) {
      return fail('dunning_plan_name_taken', { name: name ?? '' });
    }
    throw e;
  }
  return getPlan(ctx, actor, id);
}

/** Deletes a plan (admins); its customers are left without a plan. */
export async function removePlan(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<null>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const deleted = await ctx.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, actor.organizationId, id);
    if (!plan || !(await deletePlan(trx, actor.organizationId, id))) return false;
    await recordAudit(trx, actor, 'dunning_plan.deleted', { type: 'dunning_plan', id }, { name: plan.name });
    return true;
  });
  return deleted ? ok(null) : fail('not_found');
}

/** A plan's name and steps as the audit log keeps them (inside the transaction that changes them). */
async function planState(db: Kysely<DB>, organizationId: string, id: string) {
  const plan = await findPlan(db, organizationId, id);
  const steps = await listSteps(db, organizationId, [id]);
  return {
    name: plan?.name ?? '',
    steps: steps.map((s) => ({
      daysFromDue: s.days_from_due,
      positions: s.recipient_positions,
      includeMainContact: s.include_main_contact,
    })),
  };
}
