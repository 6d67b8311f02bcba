import { z } from 'zod';
import { type NoRecipientCode, type Recipient, selectRecipients } from '../domain/recipients.ts';
import type { Params } from '../domain/result.ts';
import { fail, ok, type Result } from '../domain/result.ts';
import { listContactsOfCustomer } from '../storage/contacts.ts';
import { findCustomer } from '../storage/customers.ts';
import type { Position } from '../storage/schema.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { findPlanStep, positionsText } from './plan-step.ts';

/** The query naming the plan step. */
export const reminderRecipientsQuery = z.object({
  plan: z.uuid(),
  step: z.coerce.number().int().min(1).max(1000),
});

/** Who a step's reminder is prefilled with for one customer, or why nobody. */
export interface ReminderRecipients {
  customerId: string;
  planId: string;
  step: number;
  positions: Position[];
  includeMainContact: boolean;
  recipients: Recipient[];
  /** Set when nobody would receive the reminder: the message code and its parameters. */
  noRecipient: { code: NoRecipientCode; params: Params } | null;
}

/** The prefilled recipients of a plan step for a customer of the actor's organization. */
export async function getReminderRecipients(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
  q: z.output<typeof reminderRecipientsQuery>,
): Promise<Result<ReminderRecipients>> {
  ctx = inOrganization(ctx, actor);
  if (!(await findCustomer(ctx.db, actor.organizationId, customerId))) return fail('not_found');
  const step = await findPlanStep(ctx, actor.organizationId, q.plan, q.step);
  if (!step.ok) return step;
  const contacts = await listContactsOfCustomer(ctx.db, actor.organizationId, customerId);
  const selection = selectRecipients(
    contacts.map((c) => ({
      id: c.id,
      email: c.email,
      firstName: c.first_name,
      lastName: c.last_name,
      positions: c.positions,
      isMain: c.is_main,
    })),
    step.value,
  );
  return ok({
    customerId,
    planId: q.plan,
    step: q.step,
    positions: step.value.positions,
    includeMainContact: step.value.includeMainContact,
    recipients: selection.recipients,
    noRecipient: selection.noRecipient
      ? {
          code: selection.noRecipient,
          params: { positions: positionsText(step.value.positions, actor.language) },
        }
      : null,
  });
}
