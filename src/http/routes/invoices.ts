import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createInvoice, type InvoiceCreated, invoiceInput } from '../../services/create-invoice.ts';
import type { InvoiceView } from '../../services/invoice-view.ts';
import { customerInvoicesQuery, listCustomerInvoices } from '../../services/list-customer-invoices.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { idParam, iso, problemSchema, sendResult } from '../reply.ts';

const invoiceSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  customerId: z.uuid(),
  issueDate: z.string().describe('YYYY-MM-DD'),
  dueDate: z.string().describe('YYYY-MM-DD'),
  amount: z.string().describe('exact decimal, two decimals'),
  currency: z.string().describe('ISO 4217'),
  status: z.enum(['open', 'paid', 'cancelled']),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const createdSchema = invoiceSchema.extend({
  customer: z.object({
    id: z.uuid(),
    name: z.string(),
    created: z.boolean(),
    externalIdAttached: z.boolean(),
  }),
  contact: z.object({ id: z.uuid(), email: z.string(), created: z.boolean() }).nullable(),
});

function present(i: InvoiceView): z.infer<typeof invoiceSchema> {
  return { ...i, createdAt: iso(i.createdAt), updatedAt: iso(i.updatedAt) };
}

function presentCreated(c: InvoiceCreated): z.infer<typeof createdSchema> {
  return { ...present(c.invoice), customer: c.customer, contact: c.contact };
}

/** Invoices: creation (which may create the customer and contact) and a customer's invoices with its balance. */
export function registerInvoiceRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const tags = ['invoices'];

  app.post(
    '/invoices',
    {
      schema: {
        tags,
        summary:
          'Create an invoice; a customer given by name that does not exist is created, and so is the contact email',
        body: invoiceInput,
        response: { 201: createdSchema, 400: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await createInvoice(ctx, actorOf(req), req.body), presentCreated, 201),
  );

  app.get(
    '/customers/:id/invoices',
    {
      schema: {
        tags,
        summary: 'A customer’s invoices (latest issued first) and its open balance per currency',
        params: idParam,
        querystring: customerInvoicesQuery,
        response: {
          200: z.object({
            items: z.array(invoiceSchema),
            nextCursor: z.string().nullable(),
            openBalance: z.array(
              z.object({ currency: z.string(), amount: z.string(), openInvoices: z.number() }),
            ),
          }),
          400: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (req, reply) =>
      sendResult(
        req,
        reply,
        await listCustomerInvoices(ctx, actorOf(req), req.params.id, req.query),
        (v) => ({ ...v, items: v.items.map(present) }),
      ),
  );
}
