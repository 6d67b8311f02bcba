import type { NormalisedAssignmentLine } from '../lines/assignments.ts';
import type { LineError } from '../lines/types.ts';
import { updateCustomer } from './customers.ts';
import { resolveAccountManager, resolveCustomer, resolveDunningPlan } from './resolve.ts';
import type { LineOutcome, References } from './types.ts';
import type { WorkingSet } from './working-set.ts';

/** Plans one assignments line: sets an existing customer's account manager and dunning plan. */
export function planAssignmentLine(
  ws: WorkingSet,
  line: NormalisedAssignmentLine,
  ctx: { refs: References; raw: Partial<Record<string, string>> },
): LineOutcome {
  const errors: LineError[] = [];
  const resolution = resolveCustomer(ws, {
    externalId: line.customerExternalId,
    nameKey: line.customerNameKey,
    nameField: 'customerName',
    externalIdField: 'customerExternalId',
  });
  if (!resolution.found) {
    errors.push(
      resolution.error ?? {
        field: line.customerExternalId !== undefined ? 'customerExternalId' : 'customerName',
        code: 'customer_not_found',
        value: line.customerExternalId ?? line.customerName ?? '',
      },
    );
  }
  const manager = resolveAccountManager(ctx.refs, line.accountManager, ctx.raw.accountManager ?? '');
  const plan = resolveDunningPlan(ctx.refs, line.dunningPlanKey, ctx.raw.dunningPlan ?? '');
  if (manager.error) errors.push(manager.error);
  if (plan.error) errors.push(plan.error);
  if (errors.length > 0 || !resolution.found) return { status: 'error', errors };
  return updateCustomer(ws, resolution.found, {
    accountManagerId: manager.id,
    dunningPlanId: plan.id,
    ...(resolution.attachExternalId ? { externalId: line.customerExternalId } : {}),
  });
}
