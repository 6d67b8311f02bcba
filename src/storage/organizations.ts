import type { Insertable, Kysely, Updateable } from 'kysely';
import type { DB, Organization, OrganizationsTable } from './schema.ts';

/** Inserts an organization and returns it. */
export async function insertOrganization(
  db: Kysely<DB>,
  values: Insertable<OrganizationsTable>,
): Promise<Organization> {
  return db.insertInto('organizations').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Finds an organization by its slug. */
export async function findOrganizationBySlug(
  db: Kysely<DB>,
  slug: string,
): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** Finds an organization by id. */
export async function findOrganization(db: Kysely<DB>, id: string): Promise<Organization | undefined> {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Updates an organization's settings and returns it. */
export async function updateOrganization(
  db: Kysely<DB>,
  id: string,
  values: Updateable<OrganizationsTable>,
): Promise<Organization | undefined> {
  return db
    .updateTable('organizations')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** Turns feature flags on for an organization (idempotent). */
export async function enableFeatures(db: Kysely<DB>, organizationId: string, flags: string[]): Promise<void> {
  if (flags.length === 0) return;
  await db
    .insertInto('feature_flags')
    .values(flags.map((flag) => ({ organization_id: organizationId, flag })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** The feature flags turned on for an organization. */
export async function listFeatures(db: Kysely<DB>, organizationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('feature_flags')
    .select('flag')
    .where('organization_id', '=', organizationId)
    .orderBy('flag')
    .execute();
  return rows.map((r) => r.flag);
}
