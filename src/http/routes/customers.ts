import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createCustomer, customerInput } from '../../services/create-customer.ts';
import type { CustomerView } from '../../services/customer-view.ts';
import { removeCustomer } from '../../services/delete-customer.ts';
import { getCustomer } from '../../services/get-customer.ts';
import { customerListQuery, listOrganizationCustomers } from '../../services/list-customers.ts';
import { editCustomer } from '../../services/update-customer.ts';
import type { RouteDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { idParam, iso, problemSchema, sendResult } from '../reply.ts';
import { cachedAnswers } from '../response-cache.ts';

const nullableText = z.string().nullable();

export const customerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  externalId: nullableText,
  email: nullableText,
  phone: nullableText.describe('E.164'),
  addressLine1: nullableText,
  addressLine2: nullableText,
  postalCode: nullableText,
  city: nullableText,
  country: nullableText.describe('ISO 3166-1 alpha-2'),
  vatNumber: nullableText,
  accountManager: z.object({ id: z.uuid(), email: nullableText }).nullable(),
  dunningPlan: z.object({ id: z.uuid(), name: nullableText }).nullable(),
  source: z.string(),
  contactCount: z.number(),
  mainContactEmail: nullableText,
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Presents a customer for the API. */
export function presentCustomer(c: CustomerView): z.infer<typeof customerSchema> {
  return { ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) };
}

/** Customers of the caller's organization. */
export function registerCustomerRoutes(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const tags = ['customers'];
  // The list and a customer depend on the organization's customers, contacts, members and dunning plans only.
  const cached = cachedAnswers(deps.responseCache);

  app.get(
    '/customers',
    {
      schema: {
        tags,
        summary: 'List customers: search (name, external ID, contact email), sort, cursor pagination',
        querystring: customerListQuery,
        response: {
          200: z.object({ items: z.array(customerSchema), nextCursor: z.string().nullable() }),
          400: problemSchema,
        },
      },
      preHandler: cached.preHandler,
      onSend: cached.onSend,
    },
    async (req, reply) =>
      sendResult(req, reply, await listOrganizationCustomers(ctx, actorOf(req), req.query), (page) => ({
        items: page.items.map(presentCustomer),
        nextCursor: page.nextCursor,
      })),
  );

  app.post(
    '/customers',
    {
      schema: {
        tags,
        summary: 'Create a customer (a name is enough)',
        body: customerInput,
        response: { 201: customerSchema, 400: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await createCustomer(ctx, actorOf(req), req.body), presentCustomer, 201),
  );

  app.get(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Get a customer',
        params: idParam,
        response: { 200: customerSchema, 404: problemSchema },
      },
      preHandler: cached.preHandler,
      onSend: cached.onSend,
    },
    async (req, reply) =>
      sendResult(req, reply, await getCustomer(ctx, actorOf(req), req.params.id), presentCustomer),
  );

  app.patch(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Edit a customer: given fields are set, null clears them',
        params: idParam,
        body: customerInput,
        response: { 200: customerSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await editCustomer(ctx, actorOf(req), req.params.id, req.body), presentCustomer),
  );

  app.delete(
    '/customers/:id',
    {
      schema: {
        tags,
        summary: 'Delete a customer with its contacts',
        params: idParam,
        response: { 204: z.null(), 404: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await removeCustomer(ctx, actorOf(req), req.params.id), () => null, 204),
  );
}
