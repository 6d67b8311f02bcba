import { fail, ok, type Result } from '../domain/result.ts';
import { findOrganization, findOrganizationBySlug } from '../storage/organizations.ts';
import { type Actor, asSystem, type ServiceContext } from './context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The instance operator (command line) acting as an admin inside the organization with this slug (or id). */
export async function operatorActor(ctx: ServiceContext, slug: string): Promise<Result<Actor>> {
  const key = slug.trim().toLowerCase();
  // The operator names an organization by its slug or id: found as the owner.
  ctx = asSystem(ctx);
  const org =
    (UUID.test(key) ? await findOrganization(ctx.db, key) : undefined) ??
    (await findOrganizationBySlug(ctx.db, key));
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
