import { sql } from 'kysely';
import type { ServiceContext } from '../context.ts';
import { APPLY_IMPORT_JOB, type ApplyImportJob } from './queue-import.ts';
import { IMPORT_RUN_LOCK_CLASS } from './run-import.ts';

/**
 * Finds imports whose run died (status "applying" but no transaction holds their run lock: the worker was killed
 * or lost its connection, and PostgreSQL rolled its work back) and queues them again, for any worker to take.
 * Returns the ids queued again.
 */
export async function recoverImports(ctx: ServiceContext, graceSeconds = 15): Promise<string[]> {
  if (!ctx.jobs) return [];
  const candidates = await ctx.db
    .selectFrom('imports')
    .select(['organization_id', 'id', 'created_by'])
    .where('status', '=', 'applying')
    .where('started_at', '<', sql<Date>`now() - make_interval(secs => ${graceSeconds})`)
    .execute();
  const recovered: string[] = [];
  for (const c of candidates) {
    const orphan = await ctx.db.transaction().execute(async (trx) => {
      const r = await sql<{
        free: boolean;
      }>`select pg_try_advisory_xact_lock(${IMPORT_RUN_LOCK_CLASS}, hashtext(${c.id})) as free`.execute(trx);
      if (!r.rows[0]?.free) return false;
      const u = await trx
        .updateTable('imports')
        .set({ status: 'queued', stage: 'queued', lines_done: 0 })
        .where('organization_id', '=', c.organization_id)
        .where('id', '=', c.id)
        .where('status', '=', 'applying')
        .executeTakeFirst();
      return u.numUpdatedRows > 0n;
    });
    if (!orphan) continue;
    const job: ApplyImportJob = { organizationId: c.organization_id, importId: c.id, memberId: c.created_by };
    // A new key: the dead run's job is still marked active in the queue until it expires.
    await ctx.jobs.send(APPLY_IMPORT_JOB, job, { singletonKey: `${c.id}:${Date.now()}` });
    recovered.push(c.id);
  }
  return recovered;
}
