import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import { findUserByEmail, insertMember, insertUser } from '../storage/members.ts';
import { enableFeatures, findOrganizationBySlug, insertOrganization } from '../storage/organizations.ts';
import type { Member, Organization, User } from '../storage/schema.ts';
import { asSystem, type ServiceContext } from './context.ts';
import { isUniqueViolation } from './errors.ts';
import { hashPassword } from './security.ts';

/** The input of an organization's creation, shared by sign-up and the command line. */
export const organizationInput = z.object({
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and dashes, 2 to 63 characters'),
  name: z.string().trim().min(1).max(200),
  adminEmail: z.email().trim().toLowerCase().max(254),
  adminName: z.string().trim().max(200).optional(),
  adminPassword: z.string().min(8, 'at least 8 characters').max(200).optional(),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, 'an ISO country code such as FR')
    .default('FR'),
  language: z.enum(['en', 'fr']).default('en'),
});

export type OrganizationInput = z.input<typeof organizationInput>;

/**
 * Creates an organization and its first admin. An existing user (same email) becomes its admin as they are;
 * a new one is created with the given password, or without one (they set it through an invitation or reset).
 */
export async function createOrganization(
  ctx: ServiceContext,
  input: OrganizationInput,
  opts: { refuseExistingUser?: boolean } = {},
): Promise<Result<{ organization: Organization; user: User; member: Member }>> {
  const parsed = organizationInput.safeParse(input);
  if (!parsed.success) return fail('validation_failed', { detail: z.prettifyError(parsed.error) });
  const v = parsed.data;
  // Creating a tenant (and maybe a global account) comes before any organization exists: done as the owner.
  ctx = asSystem(ctx);
  if (await findOrganizationBySlug(ctx.db, v.slug)) return fail('slug_taken', { slug: v.slug });
  const existing = await findUserByEmail(ctx.db, v.adminEmail);
  if (existing && opts.refuseExistingUser) return fail('email_taken', { email: v.adminEmail });
  const passwordHash = v.adminPassword ? await hashPassword(v.adminPassword) : null;
  try {
    return ok(
      await ctx.db.transaction().execute(async (trx) => {
        const organization = await insertOrganization(trx, {
          slug: v.slug,
          name: v.name,
          default_country: v.country,
          default_language: v.language,
          slack_webhook_url: null,
        });
        const user =
          existing ??
          (await insertUser(trx, {
            email: v.adminEmail,
            name: v.adminName ?? '',
            password_hash: passwordHash,
            language: v.language,
          }));
        const member = await insertMember(trx, {
          organization_id: organization.id,
          user_id: user.id,
          role: 'admin',
        });
        await enableFeatures(trx, organization.id, ctx.settings.defaultFeatures);
        return { organization, user, member };
      }),
    );
  } catch (e) {
    if (isUniqueViolation(e, 'organizations_slug_key')) return fail('slug_taken', { slug: v.slug });
    if (isUniqueViolation(e, 'users_email_key')) return fail('email_taken', { email: v.adminEmail });
    throw e;
  }
}
