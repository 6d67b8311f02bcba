import type { Lang } from '../domain/messages/index.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { POSITION_LABELS } from '../domain/values/positions.ts';
import { findPlan, listSteps } from '../storage/dunning-plans.ts';
import type { Position } from '../storage/schema.ts';
import { inOrganization, type ServiceContext } from './context.ts';

/** One step of one plan, as recipients are chosen from it. */
export interface PlanStep {
  planId: string;
  planName: string;
  step: number;
  positions: Position[];
  includeMainContact: boolean;
}

/** A step of a plan of the organization: `not_found` for another organization's plan, else `plan_step_not_found`. */
export async function findPlanStep(
  ctx: ServiceContext,
  organizationId: string,
  planId: string,
  step: number,
): Promise<Result<PlanStep>> {
  ctx = inOrganization(ctx, organizationId);
  const plan = await findPlan(ctx.db, organizationId, planId);
  if (!plan) return fail('not_found');
  const steps = await listSteps(ctx.db, organizationId, [planId]);
  const found = steps.find((s) => s.step_number === step);
  if (!found) return fail('plan_step_not_found', { step, count: steps.length });
  return ok({
    planId,
    planName: plan.name,
    step,
    positions: found.recipient_positions,
    includeMainContact: found.include_main_contact,
  });
}

/** Positions as a person reads them in a sentence ("Accounting or Finance"). */
export function positionsText(positions: readonly Position[], lang: Lang): string {
  const labels = positions.map((p) => POSITION_LABELS[p][lang]);
  return labels.join(lang === 'fr' ? ' ou ' : ' or ');
}
