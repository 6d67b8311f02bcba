import { fail, ok, type Result } from '../domain/result.ts';
import { findUserByEmail, listMembershipsOfUser } from '../storage/members.ts';
import { findOrganizationBySlug } from '../storage/organizations.ts';
import { asSystem, type ServiceContext } from './context.ts';
import { hashPassword, verifyPassword } from './security.ts';
import { type NewSession, openSession } from './sessions.ts';

// Verifying against a dummy hash when the email is unknown keeps the answer time the same either way.
let dummyHash: Promise<string> | undefined;

/** Checks email and password and opens a session in the requested (or first) organization of the user. */
export async function logIn(
  ctx: ServiceContext,
  input: { email: string; password: string; organization?: string | undefined },
): Promise<Result<{ session: NewSession; userId: string; organizationId: string }>> {
  const email = input.email.trim().toLowerCase();
  // A person's account and memberships span organizations: looked up as the owner.
  const system = asSystem(ctx);
  const user = await findUserByEmail(system.db, email);
  if (!user?.password_hash) {
    dummyHash ??= hashPassword('not-a-real-password');
    await verifyPassword(input.password, await dummyHash);
    return fail('invalid_credentials');
  }
  if (!(await verifyPassword(input.password, user.password_hash))) return fail('invalid_credentials');
  const memberships = await listMembershipsOfUser(system.db, user.id);
  let organizationId = memberships[0]?.organization_id;
  if (input.organization) {
    const org = await findOrganizationBySlug(system.db, input.organization);
    organizationId = memberships.find((m) => m.organization_id === org?.id)?.organization_id;
  }
  if (!organizationId) return fail('invalid_credentials');
  const session = await openSession(ctx, user.id, organizationId);
  return ok({ session, userId: user.id, organizationId });
}
