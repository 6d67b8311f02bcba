import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

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

/** A live session with its member (one statement per request made with a session cookie). */
export async function findSessionMember(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('members as m', (j) =>
      j.onRef('m.organization_id', '=', 's.organization_id').onRef('m.user_id', '=', 's.user_id'),
    )
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['s.csrf_token', 'm.id as member_id', 'm.organization_id', 'm.user_id', 'm.role', 'u.language'])
    .where('s.token_hash', '=', tokenHash)
    .where('s.expires_at', '>', now)
    .executeTakeFirst();
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
