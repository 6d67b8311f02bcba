import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPlan,
  getPlan,
  listOrganizationPlans,
  type PlanView,
  planInput,
  planUpdateInput,
  removePlan,
  updatePlan,
} from '../../services/dunning-plans.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { idParam, iso, problemSchema, sendResult } from '../reply.ts';

const planSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  steps: z.array(
    z.object({
      step: z.number(),
      daysFromDue: z.number(),
      positions: z.array(z.enum(['accounting', 'sales', 'buyer', 'finance'])),
      includeMainContact: z.boolean(),
    }),
  ),
});

function present(p: PlanView): z.infer<typeof planSchema> {
  return { ...p, createdAt: iso(p.createdAt) };
}

/** Dunning plans of the caller's organization. */
export function registerDunningPlanRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const tags = ['dunning plans'];

  app.get(
    '/dunning-plans',
    {
      schema: {
        tags,
        summary: 'List dunning plans',
        response: { 200: z.object({ items: z.array(planSchema) }) },
      },
    },
    async (req) => ({ items: (await listOrganizationPlans(ctx, actorOf(req))).map(present) }),
  );

  app.post(
    '/dunning-plans',
    {
      schema: {
        tags,
        summary: 'Create a dunning plan with its steps (admins)',
        body: planInput,
        response: { 201: planSchema, 400: problemSchema, 403: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) => sendResult(req, reply, await createPlan(ctx, actorOf(req), req.body), present, 201),
  );

  app.get(
    '/dunning-plans/:id',
    {
      schema: {
        tags,
        summary: 'Get a plan',
        params: idParam,
        response: { 200: planSchema, 404: problemSchema },
      },
    },
    async (req, reply) => sendResult(req, reply, await getPlan(ctx, actorOf(req), req.params.id), present),
  );

  app.patch(
    '/dunning-plans/:id',
    {
      schema: {
        tags,
        summary: 'Rename a plan or replace its steps (admins)',
        params: idParam,
        body: planUpdateInput,
        response: { 200: planSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await updatePlan(ctx, actorOf(req), req.params.id, req.body), present),
  );

  app.delete(
    '/dunning-plans/:id',
    { schema: { tags, summary: 'Delete a plan (admins)', params: idParam, response: { 204: z.null() } } },
    async (req, reply) =>
      sendResult(req, reply, await removePlan(ctx, actorOf(req), req.params.id), () => null, 204),
  );
}
