import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requestFeature } from '../../services/feature-flags.ts';
import {
  getOrganizationSettings,
  type OrganizationSettingsView,
} from '../../services/get-organization-settings.ts';
import { settingsInput, updateOrganizationSettings } from '../../services/update-organization-settings.ts';
import type { AppDeps } from '../app.ts';
import { actorOf } from '../auth.ts';
import { iso, problemSchema, sendResult } from '../reply.ts';

const organizationSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  defaultCountry: z.string().describe('ISO 3166-1 alpha-2'),
  defaultLanguage: z.enum(['en', 'fr']),
  sourceSystem: z.string(),
  mainContactFromIntegration: z.boolean(),
  customersUpdatableByFiles: z.boolean(),
  slackWebhookConfigured: z.boolean().describe('the webhook address itself is a secret and is never shown'),
  features: z.array(z.string()).describe('features turned on'),
  pendingFeatureRequests: z.array(
    z.object({ id: z.uuid(), flag: z.string(), requestedBy: z.string().nullable(), requestedAt: z.string() }),
  ),
});

function present(o: OrganizationSettingsView): z.infer<typeof organizationSchema> {
  return {
    ...o,
    pendingFeatureRequests: o.pendingFeatureRequests.map((r) => ({ ...r, requestedAt: iso(r.requestedAt) })),
  };
}

const featureRequestSchema = z.object({
  flag: z.string(),
  status: z.enum(['pending', 'enabled']),
  requestedAt: z.string().nullable(),
});

/** The caller's organization: its settings (admins change them) and requests for features. */
export function registerOrganizationRoutes(root: FastifyInstance, deps: AppDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;
  const tags = ['organization'];

  app.get(
    '/organization',
    {
      schema: {
        tags,
        summary: 'The organization’s settings, enabled features and pending feature requests',
        response: { 200: organizationSchema, 404: problemSchema },
      },
    },
    async (req, reply) => sendResult(req, reply, await getOrganizationSettings(ctx, actorOf(req)), present),
  );

  app.patch(
    '/organization',
    {
      config: { admin: true },
      schema: {
        tags,
        summary: 'Change settings (admins): source system, its options, default country and language, Slack',
        body: settingsInput,
        response: { 200: organizationSchema, 400: problemSchema, 403: problemSchema },
      },
    },
    async (req, reply) =>
      sendResult(req, reply, await updateOrganizationSettings(ctx, actorOf(req), req.body), present),
  );

  app.post(
    '/feature-requests',
    {
      schema: {
        tags,
        summary: 'Ask for a feature to be turned on (any member; asking again while pending changes nothing)',
        body: z.object({ flag: z.string().max(100) }),
        response: { 200: featureRequestSchema, 201: featureRequestSchema, 400: problemSchema },
      },
    },
    async (req, reply) => {
      const r = await requestFeature(ctx, actorOf(req), req.body.flag);
      return sendResult(
        req,
        reply,
        r,
        (v) => ({ flag: v.flag, status: v.status, requestedAt: v.requestedAt && iso(v.requestedAt) }),
        r.ok && r.value.created ? 201 : 200,
      );
    },
  );
}
