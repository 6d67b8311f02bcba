import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  type ApiKeyView,
  createApiKey,
  listOrganizationApiKeys,
  revokeOrganizationApiKey,
} from '../../services/api-keys.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { idParam, iso, problemSchema, sendResult } from '../reply.ts';

const apiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

function present(k: ApiKeyView): z.infer<typeof apiKeySchema> {
  return { ...k, createdAt: iso(k.createdAt), lastUsedAt: iso(k.lastUsedAt), revokedAt: iso(k.revokedAt) };
}

/** API keys of the caller's organization. */
export function registerApiKeyRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const tags = ['api keys'];

  app.get(
    '/api-keys',
    {
      schema: {
        tags,
        summary: 'List API keys',
        response: { 200: z.object({ items: z.array(apiKeySchema) }) },
      },
    },
    async (req) => ({ items: (await listOrganizationApiKeys(ctx, actorOf(req))).map(present) }),
  );

  app.post(
    '/api-keys',
    {
      schema: {
        tags,
        summary: 'Create an API key (admins); `key` is shown only in this answer',
        body: z.object({ name: z.string() }),
        response: { 201: apiKeySchema.extend({ key: z.string() }), 400: problemSchema, 403: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(
        req,
        reply,
        await createApiKey(ctx, actorOf(req), req.body),
        (k) => ({ ...present(k), key: k.key }),
        201,
      ),
  );

  app.delete(
    '/api-keys/:id',
    { schema: { tags, summary: 'Revoke an API key', params: idParam, response: { 204: z.null() } } },
    async (req, reply) =>
      sendResult(
        req,
        reply,
        await revokeOrganizationApiKey(ctx, actorOf(req), req.params.id),
        () => null,
        204,
      ),
  );
}
