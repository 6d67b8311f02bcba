import { randomBytes } from 'node:crypto';
import { addContact } from '../../src/services/add-contact.ts';
import type { ContactInput } from '../../src/services/contact-view.ts';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { type CustomerInput, createCustomer } from '../../src/services/create-customer.ts';
import { createOrganization } from '../../src/services/create-organization.ts';
import { createPlan } from '../../src/services/dunning-plans.ts';
import { addMember } from '../../src/services/members.ts';

/** One fixture builder per entity: each creates a valid record through the real use case. */

function must<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(`fixture failed: ${r.error.code}`);
  return r.value;
}

/** An organization with an admin; returns the admin actor. */
export async function buildOrganization(
  ctx: ServiceContext,
  over: { slug?: string; name?: string; country?: string; language?: 'en' | 'fr' } = {},
): Promise<Actor & { slug: string }> {
  const slug = over.slug ?? `org-${randomBytes(4).toString('hex')}`;
  const { organization, member, user } = must(
    await createOrganization(ctx, {
      slug,
      name: over.name ?? `Org ${slug}`,
      adminEmail: `admin@${slug}.test`,
      country: over.country ?? 'FR',
      language: over.language ?? 'en',
    }),
  );
  return {
    slug,
    organizationId: organization.id,
    memberId: member.id,
    userId: user.id,
    role: 'admin',
    language: over.language ?? 'en',
    via: 'session',
  };
}

/** A customer (a name is enough). */
export async function buildCustomer(ctx: ServiceContext, actor: Actor, over: CustomerInput = {}) {
  return must(
    await createCustomer(ctx, actor, { name: `Customer ${randomBytes(4).toString('hex')}`, ...over }),
  );
}

/** A contact of a customer. */
export async function buildContact(
  ctx: ServiceContext,
  actor: Actor,
  customerId: string,
  over: ContactInput = {},
) {
  return must(
    await addContact(ctx, actor, customerId, {
      email: `c-${randomBytes(4).toString('hex')}@example.com`,
      ...over,
    }),
  );
}

/** A dunning plan. */
export async function buildPlan(
  ctx: ServiceContext,
  actor: Actor,
  name = `Plan ${randomBytes(3).toString('hex')}`,
) {
  return must(await createPlan(ctx, actor, { name, steps: [{ daysFromDue: 5, positions: ['accounting'] }] }));
}

/** A member of the actor's organization. */
export async function buildMember(
  ctx: ServiceContext,
  actor: Actor,
  email = `m-${randomBytes(4).toString('hex')}@example.com`,
) {
  return must(await addMember(ctx, actor.organizationId, { email, role: 'member' }));
}
