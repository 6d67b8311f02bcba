import type { Kysely } from 'kysely';
import type pg from 'pg';
import { batchedLookup } from './batched-lookup.ts';
import type { DB, Language, Role } from './schema.ts';

/** Stores a new session (its token only as a hash). */
export async function insertSession(
  db: Kysely<DB>,
  values: {
    token_hash: string;
    user_id: string;
    organization_id: string;
    csrf_token: string;
    expires_at: Date;
  },
): Promise<void> {
  await db.insertInto('sessions').values(values).execute();
}

/** A live session with its member, and its organization's data version. */
export interface SessionMember {
  csrf_token: string;
  member_id: string;
  organization_id: string;
  user_id: string;
  role: Role;
  language: Language;
  data_version: string;
}

const sessionLookups = new WeakMap<pg.Pool, (tokenHash: string) => Promise<SessionMember | undefined>>();

/**
 * A live session with its member: one statement per request made with a session cookie, or one for the requests
 * that arrive together (src/storage/batched-lookup.ts), prepared once per connection (a statement planned at every
 * request cost PostgreSQL more than running it).
 */
export function findSessionMember(pool: pg.Pool, tokenHash: string): Promise<SessionMember | undefined> {
  let lookup = sessionLookups.get(pool);
  if (!lookup) {
    lookup = batchedLookup(async (hashes) => {
      const { rows } = await pool.query<SessionMember & { token_hash: string }>({
        name: 'clientele_session_members',
        text: `select s.token_hash, s.csrf_token, m.id as member_id, m.organization_id, m.user_id, m.role,
                      u.language, o.data_version
                 from sessions s
                 join members m on m.organization_id = s.organization_id and m.user_id = s.user_id
                 join users u on u.id = m.user_id
                 join organizations o on o.id = m.organization_id
                where s.token_hash = any($1::text[]) and s.expires_at > $2`,
        values: [hashes, new Date()],
      });
      return new Map(rows.map(({ token_hash, ...member }) => [token_hash, member]));
    });
    sessionLookups.set(pool, lookup);
  }
  return lookup(tokenHash);
}

/** Ends a session. */
export async function deleteSession(db: Kysely<DB>, tokenHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

/** Switches a session to another organization of the same user. */
export async function setSessionOrganization(
  db: Kysely<DB>,
  tokenHash: string,
  organizationId: string,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ organization_id: organizationId })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Ends every session of a user in an organization (when the member is removed). */
export async function deleteSessionsOfMember(
  db: Kysely<DB>,
  organizationId: string,
  userId: string,
): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where('organization_id', '=', organizationId)
    .where('user_id', '=', userId)
    .execute();
}
