import { randomBytes } from 'node:crypto';
import type { Actor, ServiceContext } from '../../src/services/context.ts';
import { insertImport } from '../../src/storage/imports.ts';
import { findMember, updateMember, updateUser } from '../../src/storage/members.ts';
import { updateOrganization } from '../../src/storage/organizations.ts';
import type { ImportStatus } from '../../src/storage/schema.ts';
import { buildMember } from '../helpers/builders.ts';

/** Notification preferences of a member, as the profile page sets them. */
export interface Prefs {
  inApp: boolean;
  email: boolean;
  slack: boolean;
}

/** A member of the actor's organization with these preferences and language. */
export async function memberWith(
  ctx: ServiceContext,
  actor: Actor,
  prefs: Prefs,
  language: 'en' | 'fr' = 'en',
): Promise<{ id: string; email: string }> {
  const m = await buildMember(ctx, actor);
  const row = await findMember(ctx.system.db, actor.organizationId, m.id);
  if (!row) throw new Error('member not found');
  await updateMember(ctx.system.db, actor.organizationId, m.id, {
    notify_in_app: prefs.inApp,
    notify_email: prefs.email,
    notify_slack: prefs.slack,
  });
  await updateUser(ctx.system.db, row.user_id, { name: `Name ${m.email.split('@')[0]}`, language });
  return { id: m.id, email: m.email };
}

/** An import that ended with this status, started by `memberId`. */
export async function endedImport(
  ctx: ServiceContext,
  organizationId: string,
  memberId: string | null,
  over: {
    status?: ImportStatus;
    kind?: 'customers' | 'contacts' | 'assignments';
    fileName?: string;
    counts?: Record<string, number>;
  } = {},
): Promise<string> {
  const imp = await insertImport(ctx.system.db, {
    organization_id: organizationId,
    kind: over.kind ?? 'customers',
    file_name: over.fileName ?? `file-${randomBytes(3).toString('hex')}.csv`,
    status: over.status ?? 'success',
    counts: JSON.stringify(over.counts ?? { created: 3, updated: 1, unchanged: 2, error: 0, blank: 1 }),
    created_by: memberId,
    finished_at: new Date(),
  });
  return imp.id;
}

/** Sets (or removes) the organization's Slack webhook. */
export async function setWebhook(ctx: ServiceContext, organizationId: string, url: string | null) {
  await updateOrganization(ctx.system.db, organizationId, { slack_webhook_url: url });
}
