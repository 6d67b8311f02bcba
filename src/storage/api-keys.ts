import type { Kysely } from 'kysely';
import type pg from 'pg';
import { batchedLookup } from './batched-lookup.ts';
import type { DB, Language } from './schema.ts';

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

/** An unrevoked key, with what authentication needs of the member who created it and of its organization. */
export interface ActiveApiKey {
  id: string;
  organization_id: string;
  key_hash: string;
  created_by: string | null;
  last_used_at: Date | null;
  creator_user_id: string | null;
  creator_language: Language | null;
  data_version: string;
}

const activeKeyLookups = new WeakMap<pg.Pool, (prefix: string) => Promise<ActiveApiKey | undefined>>();

/**
 * An unrevoked key by its public prefix: one statement per API request, or one for the requests that arrive
 * together (src/storage/batched-lookup.ts), prepared once per connection (a statement planned at every request
 * cost PostgreSQL more than running it).
 */
export function findActiveApiKeyWithCreator(
  pool: pg.Pool,
  prefix: string,
): Promise<ActiveApiKey | undefined> {
  let lookup = activeKeyLookups.get(pool);
  if (!lookup) {
    lookup = batchedLookup(async (prefixes) => {
      const { rows } = await pool.query<ActiveApiKey & { prefix: string }>({
        name: 'clientele_active_api_keys',
        text: `select k.prefix, k.id, k.organization_id, k.key_hash, k.created_by, k.last_used_at,
                      m.user_id as creator_user_id, u.language as creator_language, o.data_version
                 from api_keys k
                 join organizations o on o.id = k.organization_id
                 left join members m on m.organization_id = k.organization_id and m.id = k.created_by
                 left join users u on u.id = m.user_id
                where k.prefix = any($1::text[]) and k.revoked_at is null`,
        values: [prefixes],
      });
      return new Map(rows.map(({ prefix, ...key }) => [prefix, key]));
    });
    activeKeyLookups.set(pool, lookup);
  }
  return lookup(prefix);
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
