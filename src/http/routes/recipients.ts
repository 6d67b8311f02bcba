import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { translate } from '../../domain/messages/index.ts';
import { getReminderRecipients, reminderRecipientsQuery } from '../../services/get-reminder-recipients.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { languageOf } from '../errors.ts';
import { idParam, problemSchema, sendResult } from '../reply.ts';

const positionEnum = z.enum(['accounting', 'sales', 'buyer', 'finance']);

const recipientsSchema = z.object({
  customerId: z.uuid(),
  planId: z.uuid(),
  step: z.number(),
  positions: z.array(positionEnum).describe('the positions the step is sent to'),
  includeMainContact: z.boolean(),
  items: z.array(
    z.object({
      contactId: z.uuid(),
      email: z.string(),
      name: z.string().nullable(),
      reason: z.enum(['position_match', 'main_contact']),
    }),
  ),
  reason: z.literal('no_recipient').nullable().describe('set when nobody would receive the reminder'),
  messageCode: z.string().nullable(),
  message: z.string().nullable().describe('why nobody, and what to change, in the caller’s language'),
});

/** Who a reminder step is prefilled with for a customer. */
export function registerRecipientRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  app.get(
    '/customers/:id/reminder-recipients',
    {
      schema: {
        tags: ['dunning plans'],
        summary:
          'Prefilled recipients of a plan step for a customer: contacts with the step’s positions, else the main contact',
        params: idParam,
        querystring: reminderRecipientsQuery,
        response: { 200: recipientsSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(
        req,
        reply,
        await getReminderRecipients(ctx, actorOf(req), req.params.id, req.query),
        ({ recipients, noRecipient, ...v }) => ({
          ...v,
          items: recipients,
          reason: noRecipient ? ('no_recipient' as const) : null,
          messageCode: noRecipient?.code ?? null,
          message: noRecipient ? translate(noRecipient.code, languageOf(req), noRecipient.params) : null,
        }),
      ),
  );
}
