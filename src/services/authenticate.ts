import { findActiveApiKeyByPrefix, touchApiKey } from '../storage/api-keys.ts';
import { findMember, findMemberByUser } from '../storage/members.ts';
import { findSession } from '../storage/sessions.ts';
import { type Actor, asSystem, inOrganization, type ServiceContext } from './context.ts';
import { hashToken } from './security.ts';

/** The actor behind a session cookie, with the session's CSRF token; undefined when unknown or expired. */
export async function authenticateSession(
  ctx: ServiceContext,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | undefined> {
  // The token is all there is before the organization is known: it is looked up as the owner.
  const session = await findSession(asSystem(ctx).db, hashToken(token), new Date());
  if (!session) return undefined;
  ctx = inOrganization(ctx, session.organization_id);
  const member = await findMemberByUser(ctx.db, session.organization_id, session.user_id);
  if (!member) return undefined;
  return {
    actor: {
      organizationId: member.organization_id,
      memberId: member.id,
      userId: member.user_id,
      role: member.role,
      language: member.language,
      via: 'session',
    },
    csrfToken: session.csrf_token,
  };
}

/** API keys look like `clt_<prefix>_<secret>`: the prefix finds the row, the whole key is checked by hash. */
export function parseApiKey(key: string): { prefix: string } | undefined {
  const m = /^clt_([A-Za-z0-9]{12})_[A-Za-z0-9_-]{20,}$/.exec(key);
  return m?.[1] ? { prefix: m[1] } : undefined;
}

/** The actor behind an API key (acting with the rights of the member who created it, or as admin). */
export async function authenticateApiKey(ctx: ServiceContext, key: string): Promise<Actor | undefined> {
  const parsed = parseApiKey(key);
  if (!parsed) return undefined;
  const row = await findActiveApiKeyByPrefix(asSystem(ctx).db, parsed.prefix);
  if (!row || row.key_hash !== hashToken(key)) return undefined;
  ctx = inOrganization(ctx, row.organization_id);
  await touchApiKey(ctx.db, row.organization_id, row.id, new Date());
  const creator = row.created_by ? await findMember(ctx.db, row.organization_id, row.created_by) : undefined;
  return {
    organizationId: row.organization_id,
    memberId: row.created_by,
    userId: creator?.user_id ?? null,
    role: 'admin',
    language: creator?.language ?? 'en',
    via: 'api_key',
    apiKeyId: row.id,
  };
}
