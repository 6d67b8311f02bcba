import { findActiveApiKeyWithCreator, touchApiKey } from '../storage/api-keys.ts';
import { findSessionMember } from '../storage/sessions.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { hashToken } from './security.ts';

const TOUCH_EVERY_MS = 60_000;

/**
 * Who is calling, and the version of their organization's listed data read in the same statement
 * (`organizations.data_version`, raised at the commit of every change to it): what answers kept in memory are
 * checked against.
 */
export interface Authenticated {
  actor: Actor;
  dataVersion: string;
}

/** The actor behind a session cookie, with the session's CSRF token; undefined when unknown or expired. */
export async function authenticateSession(
  ctx: ServiceContext,
  token: string,
): Promise<(Authenticated & { csrfToken: string }) | undefined> {
  // The token is all there is before the organization is known: it is looked up as the owner.
  const found = await findSessionMember(ctx.system.pool, hashToken(token));
  if (!found) return undefined;
  return {
    actor: {
      organizationId: found.organization_id,
      memberId: found.member_id,
      userId: found.user_id,
      role: found.role,
      language: found.language,
      via: 'session',
    },
    csrfToken: found.csrf_token,
    dataVersion: found.data_version,
  };
}

/** API keys look like `clt_<prefix>_<secret>`: the prefix finds the row, the whole key is checked by hash. */
export function parseApiKey(key: string): { prefix: string } | undefined {
  const m = /^clt_([A-Za-z0-9]{12})_[A-Za-z0-9_-]{20,}$/.exec(key);
  return m?.[1] ? { prefix: m[1] } : undefined;
}

/** The actor behind an API key (acting with the rights of the member who created it, or as admin). */
export async function authenticateApiKey(
  ctx: ServiceContext,
  key: string,
): Promise<Authenticated | undefined> {
  const parsed = parseApiKey(key);
  if (!parsed) return undefined;
  const row = await findActiveApiKeyWithCreator(ctx.system.pool, parsed.prefix);
  if (!row || row.key_hash !== hashToken(key)) return undefined;
  const now = new Date();
  // "Last used" is kept to the minute: most requests write nothing.
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() > TOUCH_EVERY_MS)
    await touchApiKey(inOrganization(ctx, row.organization_id).db, row.organization_id, row.id, now);
  return {
    actor: {
      organizationId: row.organization_id,
      memberId: row.created_by,
      userId: row.creator_user_id ?? null,
      role: 'admin',
      language: row.creator_language ?? 'en',
      via: 'api_key',
      apiKeyId: row.id,
    },
    dataVersion: row.data_version,
  };
}
