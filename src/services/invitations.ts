import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import {
  deleteInvitation,
  findPendingInvitation,
  listInvitations,
  markInvitationAccepted,
  upsertInvitation,
} from '../storage/invitations.ts';
import { findMemberByEmail, findUserByEmail, insertMember, insertUser } from '../storage/members.ts';
import { recordAudit } from './audit.ts';
import { type Actor, asSystem, inOrganization, type ServiceContext } from './context.ts';
import { hashPassword, hashToken, newToken } from './security.ts';
import { type NewSession, openSession } from './sessions.ts';

const INVITATION_DAYS = 14;

/** An invitation as listed; `status` is derived from its dates. */
export interface InvitationView {
  id: string;
  email: string;
  role: 'admin' | 'member';
  status: 'pending' | 'accepted' | 'expired';
  createdAt: Date;
  expiresAt: Date;
}

function view(r: {
  id: string;
  email: string;
  role: 'admin' | 'member';
  created_at: Date;
  expires_at: Date | string;
  accepted_at: Date | string | null;
}): InvitationView {
  const expiresAt = new Date(r.expires_at);
  const status = r.accepted_at ? 'accepted' : expiresAt < new Date() ? 'expired' : 'pending';
  return { id: r.id, email: r.email, role: r.role, status, createdAt: r.created_at, expiresAt };
}

export const inviteInput = z.object({
  email: z.email().trim().toLowerCase().max(254),
  role: z.enum(['admin', 'member']).default('member'),
});

/** Invites a person by email (admins only). Returns the acceptance link, to be emailed. */
export async function inviteMember(
  ctx: ServiceContext,
  actor: Actor,
  input: z.input<typeof inviteInput>,
): Promise<Result<InvitationView & { acceptUrl: string }>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const parsed = inviteInput.safeParse(input);
  if (!parsed.success) return fail('validation_failed', { detail: z.prettifyError(parsed.error) });
  const { email, role } = parsed.data;
  if (await findMemberByEmail(ctx.db, actor.organizationId, email)) return fail('member_exists', { email });
  const token = newToken();
  const row = await ctx.db.transaction().execute(async (trx) => {
    const invitation = await upsertInvitation(trx, {
      organization_id: actor.organizationId,
      email,
      role,
      token_hash: hashToken(token),
      invited_by: actor.memberId,
      expires_at: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    });
    // Never the token: it is the invitation's secret.
    const target = { type: 'invitation', id: invitation.id } as const;
    await recordAudit(trx, actor, 'invitation.created', target, { email, role });
    return invitation;
  });
  return ok({ ...view(row), acceptUrl: `${ctx.settings.publicUrl}/invitations/${token}` });
}

/** The organization's invitations. */
export async function listOrganizationInvitations(
  ctx: ServiceContext,
  actor: Actor,
): Promise<InvitationView[]> {
  ctx = inOrganization(ctx, actor);
  return (await listInvitations(ctx.db, actor.organizationId)).map(view);
}

/** Withdraws a pending invitation. */
export async function revokeInvitation(ctx: ServiceContext, actor: Actor, id: string): Promise<Result<null>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const revoked = await ctx.db.transaction().execute(async (trx) => {
    const invitation = (await listInvitations(trx, actor.organizationId)).find((i) => i.id === id);
    if (!invitation || !(await deleteInvitation(trx, actor.organizationId, id))) return false;
    const target = { type: 'invitation', id } as const;
    await recordAudit(trx, actor, 'invitation.revoked', target, {
      email: invitation.email,
      role: invitation.role,
    });
    return true;
  });
  return revoked ? ok(null) : fail('not_found');
}

export const acceptInput = z.object({
  token: z.string().min(10).max(200),
  name: z.string().trim().max(200).optional(),
  password: z.string().min(8).max(200).optional(),
});

/**
 * Accepts an invitation: joins the organization (creating the user, who then needs a password) and logs in.
 * A person who already has an account joins with it; their password is not changed here.
 */
export async function acceptInvitation(
  ctx: ServiceContext,
  input: z.input<typeof acceptInput>,
): Promise<Result<{ organizationId: string; session: NewSession }>> {
  const parsed = acceptInput.safeParse(input);
  if (!parsed.success) return fail('validation_failed', { detail: z.prettifyError(parsed.error) });
  const v = parsed.data;
  const now = new Date();
  // The token names the organization; people are global accounts: both are found as the owner.
  ctx = asSystem(ctx);
  const inv = await findPendingInvitation(ctx.db, hashToken(v.token), now);
  if (!inv) return fail('invitation_invalid');
  const existing = await findUserByEmail(ctx.db, inv.email);
  if (!existing && !v.password)
    return fail('validation_failed', { detail: 'password: required for a new account' });
  const passwordHash = existing ? null : await hashPassword(v.password as string);
  const userId = await ctx.db.transaction().execute(async (trx) => {
    const user =
      existing ??
      (await insertUser(trx, { email: inv.email, name: v.name ?? '', password_hash: passwordHash }));
    const member =
      (await findMemberByEmail(trx, inv.organization_id, inv.email)) ??
      (await insertMember(trx, { organization_id: inv.organization_id, user_id: user.id, role: inv.role }));
    await markInvitationAccepted(trx, inv.organization_id, inv.id, now);
    const joined: Actor = {
      organizationId: inv.organization_id,
      memberId: member.id,
      userId: user.id,
      role: member.role,
      language: user.language,
      via: 'session',
    };
    const target = { type: 'invitation', id: inv.id } as const;
    await recordAudit(trx, joined, 'invitation.accepted', target, {
      email: inv.email,
      role: inv.role,
      memberId: member.id,
    });
    return user.id;
  });
  return ok({
    organizationId: inv.organization_id,
    session: await openSession(ctx, userId, inv.organization_id),
  });
}
