import { z } from 'zod';
import { ok, type Result } from '../domain/result.ts';
import {
  countContactsWithoutPosition,
  countCustomersWithoutContact,
  countCustomersWithoutMainContact,
  countCustomersWithoutRecipient,
} from '../storage/data-quality.ts';
import type { Position } from '../storage/schema.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { findPlanStep } from './plan-step.ts';

/** The optional plan step whose recipients are checked; both or neither. */
export const dataQualityQuery = z
  .object({ plan: z.uuid().optional(), step: z.coerce.number().int().min(1).max(1000).optional() })
  .refine((q) => (q.plan === undefined) === (q.step === undefined), {
    message: 'give both plan and step, or neither',
    path: ['step'],
  });

/** One count and the customer-list query that shows those customers (null: no list filter shows them yet). */
export interface QualityCount {
  count: number;
  customersQuery: Record<string, string> | null;
}

/** What is missing for reminders to reach someone, counted over the whole organization. */
export interface DataQuality {
  customersWithoutContact: QualityCount;
  customersWithoutMainContact: QualityCount;
  contactsWithoutPosition: QualityCount & { customers: number };
  customersWithoutRecipient:
    | (QualityCount & {
        planId: string;
        planName: string;
        step: number;
        positions: Position[];
        includeMainContact: boolean;
      })
    | null;
}

/** The data-quality summary of the actor's organization (one indexed count per line). */
export async function getDataQuality(
  ctx: ServiceContext,
  actor: Actor,
  q: z.output<typeof dataQualityQuery>,
): Promise<Result<DataQuality>> {
  ctx = inOrganization(ctx, actor);
  const org = actor.organizationId;
  let stepCount: DataQuality['customersWithoutRecipient'] = null;
  if (q.plan !== undefined && q.step !== undefined) {
    const step = await findPlanStep(ctx, org, q.plan, q.step);
    if (!step.ok) return step;
    stepCount = {
      ...step.value,
      count: await countCustomersWithoutRecipient(ctx.db, org, q.plan, step.value),
      // The list has no filter for this yet; the closest is the plan's customers.
      customersQuery: null,
    };
  }
  const [noContact, noMain, noPosition] = await Promise.all([
    countCustomersWithoutContact(ctx.db, org),
    countCustomersWithoutMainContact(ctx.db, org),
    countContactsWithoutPosition(ctx.db, org),
  ]);
  return ok({
    customersWithoutContact: { count: noContact, customersQuery: { withoutContacts: 'true' } },
    customersWithoutMainContact: { count: noMain, customersQuery: { withoutMainContact: 'true' } },
    contactsWithoutPosition: {
      count: noPosition.contacts,
      customers: noPosition.customers,
      customersQuery: { withContactWithoutPosition: 'true' },
    },
    customersWithoutRecipient: stepCount,
  });
}
