import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dataQualityQuery, getDataQuality } from '../../services/get-data-quality.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { problemSchema, sendResult } from '../reply.ts';

const countSchema = z.object({
  count: z.number(),
  customersQuery: z
    .record(z.string(), z.string())
    .nullable()
    .describe('query parameters of GET /customers that list them; null when no filter does yet'),
});

const qualitySchema = z.object({
  customersWithoutContact: countSchema,
  customersWithoutMainContact: countSchema,
  contactsWithoutPosition: countSchema.extend({
    customers: z.number().describe('customers with such a contact'),
  }),
  customersWithoutRecipient: countSchema
    .extend({
      planId: z.uuid(),
      planName: z.string(),
      step: z.number(),
      positions: z.array(z.enum(['accounting', 'sales', 'buyer', 'finance'])),
      includeMainContact: z.boolean(),
    })
    .nullable()
    .describe('customers on the plan whom the step would reach nobody at; null without ?plan=&step='),
});

/** The data-quality summary: what keeps reminders from reaching someone. */
export function registerQualityRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  app.get(
    '/quality',
    {
      schema: {
        tags: ['customers'],
        summary:
          'Counts of customers without contact or main contact, contacts without position, customers a plan step reaches nobody at',
        querystring: dataQualityQuery,
        response: { 200: qualitySchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await getDataQuality(ctx, actorOf(req), req.query), (v) => v),
  );
}
