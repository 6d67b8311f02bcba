import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** Stores an API key (hash only). */
export async function insertApiKey(
  db: Kysely<DB>,
  values: {
    organization_id: string;
    name: string;
    prefix: string;
    key_hash: string;
    created_by: string | null;
  },
) {
  return db
    .insertInto('api_keys')
    .values(values)
    .returning(['id', 'name', 'prefix', 'created_at', 'created_by', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
}

/**
 * An unrevoked key by its public prefix, with what authentication needs of the member who created it: one
 * statement per API request.
 */
export async function findActiveApiKeyWithCreator(db: Kysely<DB>, prefix: string) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('members as m', (j) =>
      j.onRef('m.organization_id', '=', 'k.organization_id').onRef('m.id', '=', 'k.created_by'),
    )
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select([
      'k.id',
      'k.organization_id',
      'k.key_hash',
      'k.created_by',
      'k.last_used_at',
      'm.user_id as creator_user_id',
      'u.language as creator_language',
    ])
    .where('k.prefix', '=', prefix)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
}

/** The organization's keys, without hashes. */
export async function listApiKeys(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'created_by', 'last_used_at', 'revoked_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at')
    .execute();
}

/** Revokes a key; false when it does not exist in the organization or is already revoked. */
export async function revokeApiKey(db: Kysely<DB>, organizationId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Records that a key was used (at most once a minute, to spare writes). */
export async function touchApiKey(
  db: Kysely<DB>,
  organizationId: string,
  id: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where((eb) =>
      eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(now.getTime() - 60_000))]),
    )
    .execute();
}
