import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { fail, ok, type Result } from '../domain/result.ts';
import { insertApiKey, listApiKeys, revokeApiKey } from '../storage/api-keys.ts';
import { recordAudit } from './audit.ts';
import { type Actor, inOrganization, type ServiceContext } from './context.ts';
import { hashToken, newToken } from './security.ts';

/** An API key as listed (never its secret). */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

function view(r: {
  id: string;
  name: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
}): ApiKeyView {
  const d = (v: Date | string | null) => (v === null ? null : new Date(v));
  return {
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: d(r.last_used_at),
    revokedAt: d(r.revoked_at),
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Creates an API key; the returned `key` is shown once and only its hash is kept. */
export async function createApiKey(
  ctx: ServiceContext,
  actor: Actor,
  input: { name: string },
): Promise<Result<ApiKeyView & { key: string }>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const name = z.string().trim().min(1).max(100).safeParse(input.name);
  if (!name.success) return fail('validation_failed', { detail: 'name: 1 to 100 characters' });
  const prefix = Array.from(randomBytes(12), (b) => ALNUM[b % ALNUM.length]).join('');
  const key = `clt_${prefix}_${newToken(30)}`;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const created = await insertApiKey(trx, {
      organization_id: actor.organizationId,
      name: name.data,
      prefix,
      key_hash: hashToken(key),
      created_by: actor.memberId,
    });
    // The public prefix only: the key itself is a secret.
    const target = { type: 'api_key', id: created.id } as const;
    await recordAudit(trx, actor, 'api_key.created', target, { name: created.name, prefix });
    return created;
  });
  return ok({ ...view(row), key });
}

/** The organization's API keys. */
export async function listOrganizationApiKeys(ctx: ServiceContext, actor: Actor): Promise<ApiKeyView[]> {
  ctx = inOrganization(ctx, actor);
  return (await listApiKeys(ctx.db, actor.organizationId)).map(view);
}

/** Revokes one of the organization's API keys. */
export async function revokeOrganizationApiKey(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<Result<null>> {
  ctx = inOrganization(ctx, actor);
  if (actor.role !== 'admin') return fail('forbidden');
  const revoked = await ctx.db.transaction().execute(async (trx) => {
    const key = (await listApiKeys(trx, actor.organizationId)).find((k) => k.id === id);
    if (!key || !(await revokeApiKey(trx, actor.organizationId, id))) return false;
    const target = { type: 'api_key', id } as const;
    await recordAudit(trx, actor, 'api_key.revoked', target, { name: key.name, prefix: key.prefix });
    return true;
  });
  return revoked ? ok(null) : fail('not_found');
}
