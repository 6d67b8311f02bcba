import { fail, ok, type Result } from '../domain/result.ts';
import { findOrganizationBySlug } from '../storage/organizations.ts';
import { type Actor, asSystem, type ServiceContext } from './context.ts';

/** The instance operator (command line) acting as an admin inside the organization with this slug. */
export async function operatorActor(ctx: ServiceContext, slug: string): Promise<Result<Actor>> {
  // The operator names an organization by its slug: found as the owner.
  const org = await findOrganizationBySlug(asSystem(ctx).db, slug.trim().toLowerCase());
  if (!org) return fail('organization_not_found', { slug });
  return ok({
    organizationId: org.id,
    memberId: null,
    userId: null,
    role: 'admin',
    language: org.default_language,
    via: 'cli',
  });
}
