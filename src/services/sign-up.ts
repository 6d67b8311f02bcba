import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import { findOrganizationBySlug } from '../storage/organizations.ts';
import { asSystem, type ServiceContext } from './context.ts';
import { createOrganization } from './create-organization.ts';
import { type NewSession, openSession } from './sessions.ts';

/** What a person fills in to sign up. */
export const signUpInput = z.object({
  organizationName: z.string().trim().min(1).max(200),
  slug: z.string().trim().optional(),
  name: z.string().trim().min(1).max(200),
  email: z.email().trim().toLowerCase(),
  password: z.string().min(8, 'at least 8 characters').max(200),
  language: z.enum(['en', 'fr']).default('en'),
  country: z.string().trim().optional(),
});

/** Turns an organization name into a slug candidate ("Société Générale" -> "societe-generale"). */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return s.length >= 2 ? s : `org-${s}`.replace(/-$/, '');
}

/** Creates an organization with its first admin, then logs them in. */
export async function signUp(
  ctx: ServiceContext,
  input: z.input<typeof signUpInput>,
): Promise<Result<{ organizationId: string; slug: string; userId: string; session: NewSession }>> {
  const parsed = signUpInput.safeParse(input);
  if (!parsed.success) return fail('validation_failed', { detail: z.prettifyError(parsed.error) });
  const v = parsed.data;
  let slug = v.slug || slugify(v.organizationName);
  if (!v.slug) {
    // A generated slug never fails the sign-up: add a number until it is free.
    for (let i = 2; (await findOrganizationBySlug(asSystem(ctx).db, slug)) && i < 1000; i++) {
      slug = `${slugify(v.organizationName).slice(0, 45)}-${i}`;
    }
  }
  const created = await createOrganization(
    ctx,
    {
      slug,
      name: v.organizationName,
      adminEmail: v.email,
      adminName: v.name,
      adminPassword: v.password,
      language: v.language,
      ...(v.country ? { country: v.country } : {}),
    },
    { refuseExistingUser: true },
  );
  if (!created.ok) return created;
  const { organization, user } = created.value;
  const session = await openSession(ctx, user.id, organization.id);
  return ok({ organizationId: organization.id, slug: organization.slug, userId: user.id, session });
}
