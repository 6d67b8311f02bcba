import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import {
  countAdmins,
  deleteMember,
  findMember,
  findMemberByEmail,
  findUserByEmail,
  insertMember,
  insertUser,
  listMembers,
  type MemberWithUser,
  updateMember,
  updateUser,
} from '../storage/members.ts';
import { deleteSessionsOfMember } from '../storage/sessions.ts';
import { fieldChanges, recordAudit } from './audit.ts';
import { type Actor, asSystem, inOrganization, type ServiceContext } from './context.ts';
import { hashPassword } from './security.ts';

/** A member as the API and CLI show it. */
export interface MemberView {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'member';
  language: 'en' | 'fr';
  notifications: { inApp: boolean; email: boolean; slack: boolean };
  createdAt: Date;
}

// A member's fields as the API names them -> the columns of the member joined with their user.
const MEMBER_FIELDS = {
  role: 'role',
  name: 'name',
  language: 'language',
  notifyInApp: 'notify_in_app',
  notifyEmail: 'notify_email',
  notifySlack: 'notify_slack',
};

/** Presents a member row. */
export function memberView(m: MemberWithUser): MemberView {
  return {
    id: m.id,
    email: m.email,
    name: m.name,
    role: m.role,
    language: m.language,
    notifications: { inApp: m.notify_in_app, email: m.notify_email, slack: m.notify_slack },
    createdAt: m.created_at,
  };
}

/** The organization's members. */
export async function listOrganizationMembers(ctx: ServiceContext, actor: Actor): Promise<MemberView[]> {
  ctx = inOrganization(ctx, actor);
  return (await listMembers(ctx.db, actor.organizationId)).map(memberView);
}

/** One member of the actor's organization. */
export async function getMember(
  ctx: ServiceContext,
  actor: Actor,
  memberId: string,
): Promise<Result<MemberView>> {
  ctx = inOrganization(ctx, actor);
  const m = await findMember(ctx.db, actor.organizationId, memberId);
  return m ? ok(memberView(m)) : fail('not_found');
}

export const addMemberInput = z.object({
  email: z.email().trim().toLowerCase().max(254),
  name: z.string().trim().max(200).optional(),
  role: z.enum(['admin', 'member']).default('member'),
  password: z.string().min(8).max(200).optional(),
});

/** Adds a person to the organization directly (operator command line); creates their user if new. */
export async function addMember(
  ctx: ServiceContext,
  organizationId: string,
  input: z.input<typeof addMemberInput>,
): Promise<Result<MemberView>> {
  // People are global accounts: finding or creating one is done as the owner, across organizations.
  ctx = asSystem(ctx);
  const parsed = addMemberInput.safeParse(input);
  if (!parsed.success) return fail('validation_failed', { detail: z.prettifyError(parsed.error) });
  const v = parsed.data;
  if (await findMemberByEmail(ctx.db, organizationId, v.email))
    return fail('member_exists', { email: v.email });
  const passwordHash = v.password ? await hashPassword(v.password) : null;
  await ctx.db.transaction().execute(async (trx) => {
    const user =
      (await findUserByEmail(trx, v.email)) ??
      (await insertUser(trx, { email: v.email, name: v.name ?? '', password_hash: passwordHash }));
    const member = await insertMember(trx, {
      organization_id: organizationId,
      user_id: user.id,
      role: v.role,
    });
    // Only the operator's command line adds members directly.
    const operator: Actor = {
      organizationId,
      memberId: null,
      userId: null,
      role: 'admin',
      language: 'en',
      via: 'cli',
    };
    const target = { type: 'member', id: member.id } as const;
    await recordAudit(trx, operator, 'member.added', target, { email: v.email, role: v.role });
  });
  const m = await findMemberByEmail(ctx.db, organizationId, v.email);
  return m ? ok(memberView(m)) : fail('not_found');
}

export const updateMemberInput = z.object({
  role: z.enum(['admin', 'member']).optional(),
  name: z.string().trim().max(200).optional(),
  language: z.enum(['en', 'fr']).optional(),
  notifications: z
    .object({ inApp: z.boolean().optional(), email: z.boolean().optional(), slack: z.boolean().optional() })
    .optional(),
});

/**
 * Changes a member. Admins change roles; each person changes their own name, language and notification
 * channels. The last admin cannot step down.
 */
export async function changeMember(
  ctx: ServiceContext,
  actor: Actor,
  memberId: string,
  input: z.input<typeof updateMemberInput>,
): Promise<Result<MemberView>> {
  ctx = inOrganization(ctx, actor);
  const parsed = updateMemberInput.safeParse(input);
  if (!parsed.success) return fail('validation_failed', { detail: z.prettifyError(parsed.error) });
  const v = parsed.data;
  const target = await findMember(ctx.db, actor.organizationId, memberId);
  if (!target) return fail('not_found');
  const self = target.id === actor.memberId;
  if (v.role !== undefined && actor.role !== 'admin') return fail('forbidden');
  if (
    (v.name !== undefined || v.language !== undefined || v.notifications) &&
    !self &&
    actor.role !== 'admin'
  ) {
    return fail('forbidden');
  }
  if (
    v.role === 'member' &&
    target.role === 'admin' &&
    (await countAdmins(ctx.db, actor.organizationId)) <= 1
  ) {
    return fail('last_admin');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const memberValues = {
      ...(v.role ? { role: v.role } : {}),
      ...(v.notifications?.inApp !== undefined ? { notify_in_app: v.notifications.inApp } : {}),
      ...(v.notifications?.email !== undefined ? { notify_email: v.notifications.email } : {}),
      ...(v.notifications?.slack !== undefined ? { notify_slack: v.notifications.slack } : {}),
    };
    // An edit of the name or language alone has nothing to set on the membership.
    if (Object.keys(memberValues).length > 0)
      await updateMember(trx, actor.organizationId, memberId, memberValues);
    if (v.name !== undefined || v.language !== undefined) {
      await updateUser(trx, target.user_id, {
        ...(v.name !== undefined ? { name: v.name } : {}),
        ...(v.language ? { language: v.language } : {}),
      });
    }
    const after = await findMember(trx, actor.organizationId, memberId);
    const changes = after ? fieldChanges(MEMBER_FIELDS, target, after) : {};
    if (Object.keys(changes).length > 0) {
      const auditTarget = { type: 'member', id: memberId } as const;
      await recordAudit(trx, actor, 'member.updated', auditTarget, { email: target.email, changes });
    }
  });
  return getMember(ctx, actor, memberId);
}

/** Removes a member (admins only; the last admin stays). Their sessions in this organization end. */
export async function removeMember(
  ctx: ServiceContext,
  actor: Actor,
  memberId: string,
): Promise<Result<null>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const target = await findMember(ctx.db, actor.organizationId, memberId);
  if (!target) return fail('not_found');
  if (target.role === 'admin' && (await countAdmins(ctx.db, actor.organizationId)) <= 1)
    return fail('last_admin');
  await ctx.db.transaction().execute(async (trx) => {
    await deleteSessionsOfMember(trx, actor.organizationId, target.user_id);
    if (!(await deleteMember(trx, actor.organizationId, memberId))) return;
    const auditTarget = { type: 'member', id: memberId } as const;
    await recordAudit(trx, actor, 'member.removed', auditTarget, { email: target.email, role: target.role });
  });
  return ok(null);
}
