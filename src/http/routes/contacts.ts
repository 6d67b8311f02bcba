import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addContact } from '../../services/add-contact.ts';
import { type ContactView, contactInput } from '../../services/contact-view.ts';
import { removeContact } from '../../services/delete-contact.ts';
import { listCustomerContacts } from '../../services/list-contacts.ts';
import { editContact, setMainContact } from '../../services/update-contact.ts';
import type { RouteDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { idParam, iso, problemSchema, sendResult } from '../reply.ts';
import { cachedAnswers } from '../response-cache.ts';

const contactSchema = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  phone: z.string().nullable().describe('E.164'),
  reference: z.string().nullable(),
  positions: z.array(z.enum(['accounting', 'sales', 'buyer', 'finance'])),
  isMain: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

function present(c: ContactView): z.infer<typeof contactSchema> {
  return { ...c, createdAt: iso(c.createdAt), updatedAt: iso(c.updatedAt) };
}

const contactParams = z.object({ id: z.uuid(), contactId: z.uuid() });

/** Contacts under a customer. */
export function registerContactRoutes(root: FastifyInstance, deps: RouteDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const tags = ['contacts'];
  // A customer's contacts depend on its customers and contacts only (see response-cache.ts).
  const cached = cachedAnswers(deps.responseCache);

  app.get(
    '/customers/:id/contacts',
    {
      schema: {
        tags,
        summary: "List a customer's contacts (main contact first)",
        params: idParam,
        response: { 200: z.object({ items: z.array(contactSchema) }), 404: problemSchema },
      },
      preHandler: cached.preHandler,
      onSend: cached.onSend,
    },
    async (req, reply) =>
      sendResult(req, reply, await listCustomerContacts(ctx, actorOf(req), req.params.id), (items) => ({
        items: items.map(present),
      })),
  );

  app.post(
    '/customers/:id/contacts',
    {
      schema: {
        tags,
        summary: 'Add a contact (email required); isMain makes it the main contact',
        params: idParam,
        body: contactInput,
        response: { 201: contactSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await addContact(ctx, actorOf(req), req.params.id, req.body), present, 201),
  );

  app.patch(
    '/customers/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'Edit a contact: given fields are set, null clears them',
        params: contactParams,
        body: contactInput,
        response: { 200: contactSchema, 400: problemSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(
        req,
        reply,
        await editContact(ctx, actorOf(req), req.params.id, req.params.contactId, req.body),
        present,
      ),
  );

  app.post(
    '/customers/:id/contacts/:contactId/main',
    {
      schema: {
        tags,
        summary: 'Make this contact the main contact of its customer',
        params: contactParams,
        response: { 200: contactSchema, 404: problemSchema, 409: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(
        req,
        reply,
        await setMainContact(ctx, actorOf(req), req.params.id, req.params.contactId),
        present,
      ),
  );

  app.delete(
    '/customers/:id/contacts/:contactId',
    {
      schema: {
        tags,
        summary: 'Delete a contact',
        params: contactParams,
        response: { 204: z.null(), 404: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(
        req,
        reply,
        await removeContact(ctx, actorOf(req), req.params.id, req.params.contactId),
        () => null,
        204,
      ),
  );
}
