import { sql } from 'kysely';
import { importRunIsFree } from '../../storage/import-locks.ts';
import { asSystem, type ServiceContext } from '../context.ts';
import { APPLY_IMPORT_JOB, type ApplyImportJob } from './queue-import.ts';

/**
 * Finds imports whose run died (status "applying" but no transaction holds their run lock: the worker was killed
 * or lost its connection, and PostgreSQL rolled its work back) and queues them again, for any worker to take.
 * Returns the ids queued again. A run that followed its own upload (the command line's, beginUpload) and died
 * before the file was stored whole leaves no file to run again: that import, applying or previewing, fails as
 * interrupted, its chunks deleted.
 */
export async function recoverImports(ctx: ServiceContext, graceSeconds = 15): Promise<string[]> {
  const jobs = ctx.jobs;
  if (!jobs) return [];
  // A scan across organizations, by the worker: done as the owner.
  ctx = asSystem(ctx);
  const candidates = await ctx.db
    .selectFrom('imports')
    .select(['organization_id', 'id', 'created_by', 'file_sha256'])
    .where((eb) =>
      eb.or([
        eb('status', '=', 'applying'),
        eb.and([eb('status', '=', 'previewing'), eb('file_sha256', 'is', null)]),
      ]),
    )
    .where('started_at', '<', sql<Date>`now() - make_interval(secs => ${graceSeconds})`)
    .execute();
  const recovered: string[] = [];
  for (const c of candidates) {
    const client = await ctx.pool.connect();
    let orphan = false;
    try {
      await client.query('begin');
      // A live run holds its lock.
      const dead = await importRunIsFree(client, c.id);
      if (dead && c.file_sha256 === null) {
        await client.query(
          `update imports set status = 'failed', stage = null, refusal = '{"code":"upload_interrupted"}',
                  finished_at = now()
            where organization_id = $1 and id = $2 and status in ('applying', 'previewing')`,
          [c.organization_id, c.id],
        );
        await client.query('delete from import_file_chunks where organization_id = $1 and import_id = $2', [
          c.organization_id,
          c.id,
        ]);
      } else if (dead) {
        const u = await client.query(
          `update imports set status = 'queued', stage = 'queued', lines_done = 0
            where organization_id = $1 and id = $2 and status = 'applying'`,
          [c.organization_id, c.id],
        );
        orphan = (u.rowCount ?? 0) > 0;
      }
      await client.query('commit');
    } catch (e) {
      await client.query('rollback').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
    if (!orphan) continue;
    const job: ApplyImportJob = { organizationId: c.organization_id, importId: c.id, memberId: c.created_by };
    // A new key: the dead run's job is still marked active in the queue until it expires.
    await jobs.send(APPLY_IMPORT_JOB, job, { singletonKey: `${c.id}:${Date.now()}` });
    recovered.push(c.id);
  }
  return recovered;
}
