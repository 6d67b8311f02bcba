import { fail, ok, type Result } from '../domain/result.ts';
import { findOrganization, listFeatures } from '../storage/organizations.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';

/** The caller's organization as the app shows it: identity, defaults, source-system settings and features. */
export interface OrganizationView {
  id: string;
  slug: string;
  name: string;
  defaultCountry: string;
  defaultLanguage: 'en' | 'fr';
  sourceSystem: string;
  mainContactFromIntegration: boolean;
  customersUpdatableByFiles: boolean;
  slackWebhookConfigured: boolean;
  features: string[];
}

/** The actor's organization. */
export async function getOrganization(ctx: ServiceContext, actor: Actor): Promise<Result<OrganizationView>> {
  ctx = inOrganization(ctx, actor);
  const org = await findOrganization(ctx.db, actor.organizationId);
  if (!org) return fail('not_found');
  return ok({
    id: org.id,
    slug: org.slug,
    name: org.name,
    defaultCountry: org.default_country,
    defaultLanguage: org.default_language,
    sourceSystem: org.source_system,
    mainContactFromIntegration: org.main_contact_from_integration,
    customersUpdatableByFiles: org.customers_updatable_by_files,
    slackWebhookConfigured: Boolean(org.slack_webhook_url),
    features: await listFeatures(ctx.db, org.id),
  });
}
