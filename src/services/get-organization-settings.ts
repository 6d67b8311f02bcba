import { ok, type Result } from '../domain/result.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { type FeatureRequestView, listOrganizationFeatureRequests } from './feature-flags.ts';
import { getOrganization, type OrganizationView } from './get-organization.ts';

/** The organization's settings as its members read them: the organization view plus pending feature requests. */
export interface OrganizationSettingsView extends OrganizationView {
  pendingFeatureRequests: Omit<FeatureRequestView, 'organizationSlug'>[];
}

/** The actor's organization with its settings, enabled features and pending requests (any member). */
export async function getOrganizationSettings(
  ctx: ServiceContext,
  actor: Actor,
): Promise<Result<OrganizationSettingsView>> {
  ctx = inOrganization(ctx, actor);
  const org = await getOrganization(ctx, actor);
  if (!org.ok) return org;
  const pending = await listOrganizationFeatureRequests(ctx, actor.organizationId);
  return ok({
    ...org.value,
    pendingFeatureRequests: pending.map(({ organizationSlug: _slug, ...r }) => r),
  });
}
