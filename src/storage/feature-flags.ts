import type { Kysely } from 'kysely';
import type { DB } from './schema.ts';

/** A pending request for a feature, with who asked and in which organization. */
export interface PendingFeatureRequest {
  id: string;
  organization_id: string;
  organization_slug: string;
  flag: string;
  requested_by_email: string | null;
  requested_at: Date;
}

/** Turns a flag on; true when it was off before. */
export async function enableFlag(db: Kysely<DB>, organizationId: string, flag: string): Promise<boolean> {
  const rows = await db
    .insertInto('feature_flags')
    .values({ organization_id: organizationId, flag })
    .onConflict((oc) => oc.doNothing())
    .returning('flag')
    .execute();
  return rows.length > 0;
}

/** Turns a flag off; true when it was on before. */
export async function disableFlag(db: Kysely<DB>, organizationId: string, flag: string): Promise<boolean> {
  const r = await db
    .deleteFrom('feature_flags')
    .where('organization_id', '=', organizationId)
    .where('flag', '=', flag)
    .executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** Whether a flag is on for an organization (one primary-key lookup). */
export async function isFlagEnabled(db: Kysely<DB>, organizationId: string, flag: string): Promise<boolean> {
  const row = await db
    .selectFrom('feature_flags')
    .select('flag')
    .where('organization_id', '=', organizationId)
    .where('flag', '=', flag)
    .executeTakeFirst();
  return row !== undefined;
}

/** Records a request unless one is pending for that flag; returns the pending request and whether it is new. */
export async function insertPendingRequest(
  db: Kysely<DB>,
  organizationId: string,
  flag: string,
  memberId: string | null,
): Promise<{ id: string; requested_at: Date; created: boolean }> {
  const inserted = await db
    .insertInto('feature_requests')
    .values({ organization_id: organizationId, flag, requested_by: memberId })
    .onConflict((oc) => oc.columns(['organization_id', 'flag']).where('handled_at', 'is', null).doNothing())
    .returning(['id', 'requested_at'])
    .executeTakeFirst();
  if (inserted) return { ...inserted, created: true };
  const pending = await db
    .selectFrom('feature_requests')
    .select(['id', 'requested_at'])
    .where('organization_id', '=', organizationId)
    .where('flag', '=', flag)
    .where('handled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { ...pending, created: false };
}

/** Marks an organization's pending requests for a flag as handled (the flag was turned on). */
export async function markRequestsHandled(
  db: Kysely<DB>,
  organizationId: string,
  flag: string,
): Promise<void> {
  await db
    .updateTable('feature_requests')
    .set({ handled_at: new Date() })
    .where('organization_id', '=', organizationId)
    .where('flag', '=', flag)
    .where('handled_at', 'is', null)
    .execute();
}

function pendingQuery(db: Kysely<DB>) {
  return db
    .selectFrom('feature_requests as r')
    .innerJoin('organizations as o', 'o.id', 'r.organization_id')
    .leftJoin('members as m', (j) =>
      j.onRef('m.organization_id', '=', 'r.organization_id').onRef('m.id', '=', 'r.requested_by'),
    )
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .where('r.handled_at', 'is', null)
    .select([
      'r.id',
      'r.organization_id',
      'o.slug as organization_slug',
      'r.flag',
      'u.email as requested_by_email',
      'r.requested_at',
    ])
    .orderBy('r.requested_at')
    .orderBy('r.id');
}

/** Every organization's pending requests, oldest first (the instance operator's queue). */
export async function listAllPendingRequests(db: Kysely<DB>): Promise<PendingFeatureRequest[]> {
  return pendingQuery(db).execute();
}

/** One organization's pending requests, oldest first. */
export async function listPendingRequests(
  db: Kysely<DB>,
  organizationId: string,
): Promise<PendingFeatureRequest[]> {
  return pendingQuery(db).where('r.organization_id', '=', organizationId).execute();
}
