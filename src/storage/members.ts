import type { Kysely } from 'kysely';
import type { DB, Language, Member, Role, User } from './schema.ts';

/** A member joined with the person's user record. */
export interface MemberWithUser {
  id: string;
  organization_id: string;
  user_id: string;
  email: string;
  name: string;
  language: Language;
  role: Role;
  notify_in_app: boolean;
  notify_email: boolean;
  notify_slack: boolean;
  created_at: Date;
}

/** Finds a user by (lower-cased) email. */
export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

/** Finds a user by id. */
export async function findUser(db: Kysely<DB>, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts a user. */
export async function insertUser(
  db: Kysely<DB>,
  values: { email: string; name?: string; password_hash: string | null; language?: Language },
): Promise<User> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Updates a user's profile fields. */
export async function updateUser(
  db: Kysely<DB>,
  id: string,
  values: { name?: string; language?: Language; password_hash?: string },
): Promise<void> {
  await db.updateTable('users').set(values).where('id', '=', id).execute();
}

/** Inserts a membership. */
export async function insertMember(
  db: Kysely<DB>,
  values: { organization_id: string; user_id: string; role: Role },
): Promise<Member> {
  return db.insertInto('members').values(values).returningAll().executeTakeFirstOrThrow();
}

function memberQuery(db: Kysely<DB>, organizationId: string) {
  return db
    .selectFrom('members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .where('m.organization_id', '=', organizationId)
    .select([
      'm.id',
      'm.organization_id',
      'm.user_id',
      'u.email',
      'u.name',
      'u.language',
      'm.role',
      'm.notify_in_app',
      'm.notify_email',
      'm.notify_slack',
      'm.created_at',
    ]);
}

/** The organization's members with their emails and names, by email. */
export async function listMembers(db: Kysely<DB>, organizationId: string): Promise<MemberWithUser[]> {
  return memberQuery(db, organizationId).orderBy('u.email').execute();
}

/** One member of the organization. */
export async function findMember(
  db: Kysely<DB>,
  organizationId: string,
  memberId: string,
): Promise<MemberWithUser | undefined> {
  return memberQuery(db, organizationId).where('m.id', '=', memberId).executeTakeFirst();
}

/** The member of the organization with this email. */
export async function findMemberByEmail(
  db: Kysely<DB>,
  organizationId: string,
  email: string,
): Promise<MemberWithUser | undefined> {
  return memberQuery(db, organizationId).where('u.email', '=', email).executeTakeFirst();
}

/** The member of the organization for this user. */
export async function findMemberByUser(
  db: Kysely<DB>,
  organizationId: string,
  userId: string,
): Promise<MemberWithUser | undefined> {
  return memberQuery(db, organizationId).where('m.user_id', '=', userId).executeTakeFirst();
}

/** The organizations a user belongs to, oldest membership first. */
export async function listMembershipsOfUser(
  db: Kysely<DB>,
  userId: string,
): Promise<{ organization_id: string; slug: string; name: string; role: Role }[]> {
  return db
    .selectFrom('members as m')
    .innerJoin('organizations as o', 'o.id', 'm.organization_id')
    .where('m.user_id', '=', userId)
    .select(['m.organization_id', 'o.slug', 'o.name', 'm.role'])
    .orderBy('m.created_at')
    .execute();
}

/** Changes a member's role or notification preferences. */
export async function updateMember(
  db: Kysely<DB>,
  organizationId: string,
  memberId: string,
  values: Partial<Pick<Member, 'role' | 'notify_in_app' | 'notify_email' | 'notify_slack'>>,
): Promise<boolean> {
  const r = await db
    .updateTable('members')
    .set(values)
    .where('organization_id', '=', organizationId)
    .where('id', '=', memberId)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Removes a member from the organization. */
export async function deleteMember(
  db: Kysely<DB>,
  organizationId: string,
  memberId: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('members')
    .where('organization_id', '=', organizationId)
    .where('id', '=', memberId)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** How many admins the organization has. */
export async function countAdmins(db: Kysely<DB>, organizationId: string): Promise<number> {
  const r = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organization_id', '=', organizationId)
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
