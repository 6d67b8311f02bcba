import type { Kysely } from 'kysely';
import type { DB, Role } from './schema.ts';

/** Stores an invitation, replacing a pending one for the same email. */
export async function upsertInvitation(
  db: Kysely<DB>,
  values: {
    organization_id: string;
    email: string;
    role: Role;
    token_hash: string;
    invited_by: string | null;
    expires_at: Date;
  },
) {
  await db
    .deleteFrom('invitations')
    .where('organization_id', '=', values.organization_id)
    .where('email', '=', values.email)
    .where('accepted_at', 'is', null)
    .execute();
  return db
    .insertInto('invitations')
    .values(values)
    .returning(['id', 'email', 'role', 'created_at', 'expires_at', 'accepted_at'])
    .executeTakeFirstOrThrow();
}

/** The organization's invitations, newest first. */
export async function listInvitations(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('invitations')
    .select(['id', 'email', 'role', 'created_at', 'expires_at', 'accepted_at'])
    .where('organization_id', '=', organizationId)
    .orderBy('created_at', 'desc')
    .execute();
}

/** A pending, unexpired invitation by token hash. */
export async function findPendingInvitation(db: Kysely<DB>, tokenHash: string, now: Date) {
  return db
    .selectFrom('invitations')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('accepted_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Marks an invitation accepted. */
export async function markInvitationAccepted(db: Kysely<DB>, organizationId: string, id: string, now: Date) {
  await db
    .updateTable('invitations')
    .set({ accepted_at: now })
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .execute();
}

/** Deletes a pending invitation. */
export async function deleteInvitation(db: Kysely<DB>, organizationId: string, id: string): Promise<boolean> {
  const r = await db
    .deleteFrom('invitations')
    .where('organization_id', '=', organizationId)
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}
