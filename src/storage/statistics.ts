import type { ImportKind } from '../domain/import-plan/types.ts';
import type { Queryable } from './tenant-pool.ts';

/** The tables an import of each kind fills, whose statistics its own queries depend on. */
export type ImportTable = 'customers' | 'contacts' | 'invoices';

export const TABLES_FILLED: Record<ImportKind, readonly ImportTable[]> = {
  customers: ['customers'],
  contacts: ['customers', 'contacts'],
  invoices: ['customers', 'contacts', 'invoices'],
  assignments: [],
};

/** An import whose lines wrote this many records refreshes the statistics, in its transaction and after it. */
export const ANALYZE_AFTER_LINES = 10_000;

/**
 * Refreshes the planner's statistics of `tables` inside the caller's transaction, so that they count the rows this
 * transaction wrote and has not committed yet (ANALYZE run elsewhere cannot see them).
 *
 * Why: an import into an organization the statistics do not know (a new one, or one far smaller before the
 * import) has every query of its organization estimated at one row, and PostgreSQL then walks the organization's
 * rows through any index led by `organization_id` where it should look up the batch's keys: a million-line import
 * slowed down line after line (docs/performance.md).
 *
 * ANALYZE holds its lock (SHARE UPDATE EXCLUSIVE) until the transaction ends. Plain reads and writes never wait
 * for it; another import running ANALYZE would, for the whole of this import. So the lock is waited for LOCK_WAIT
 * at most (not at all with `wait: false`, for a retry): when another transaction still holds it then, nothing is
 * done and `false` is returned. That wait matters: the lock is often held by autovacuum, busy for minutes on large
 * tables with the rows a preview rolled back or an import wrote, and PostgreSQL cancels an autovacuum that blocks
 * a lock request for deadlock_timeout (1 s), so the import gets the lock. Taken with NOWAIT, every refresh was
 * skipped and the import ran on statistics that did not know its organization: a million-line preview took 254 s
 * instead of 70 (docs/performance.md). Without the MAINTAIN privilege (PostgreSQL before 17, or a role not
 * granted it by migration 0012) ANALYZE skips the table with a warning; nothing fails either way.
 */
export async function analyzeInTransaction(
  db: Queryable,
  tables: readonly ImportTable[],
  opts: { wait: boolean } = { wait: true },
): Promise<boolean> {
  const list = tables.join(', ');
  await db.query('savepoint clientele_statistics');
  try {
    if (opts.wait) {
      // Set for the lock only (a rollback to the savepoint undoes it, otherwise it is put back): the import's
      // other statements wait for locks as long as they always did.
      const { rows: waited } = await db.query<{ previous: string }>(
        `select current_setting('lock_timeout') as previous, set_config('lock_timeout', '${LOCK_WAIT}', true)`,
      );
      await db.query(`lock table ${list} in share update exclusive mode`);
      await db.query(`select set_config('lock_timeout', $1, true)`, [waited[0]?.previous ?? '0']);
    } else {
      await db.query(`lock table ${list} in share update exclusive mode nowait`);
    }
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e;
    await db.query('rollback to savepoint clientele_statistics');
    await db.query('release savepoint clientele_statistics');
    return false;
  }
  // A small sample (3,000 rows instead of 30,000): ten times cheaper on large tables (40 against 400 ms measured
  // on a million contacts), and enough to tell the planner how large the organization has grown. The statistics
  // made after the import commits use the usual sample.
  const { rows } = await db.query<{ previous: string }>(
    `select current_setting('default_statistics_target') as previous,
            set_config('default_statistics_target', '${SAMPLE_TARGET}', true)`,
  );
  await db.query(`analyze ${list}`);
  await db.query(`select set_config('default_statistics_target', $1, true)`, [rows[0]?.previous ?? '100']);
  await db.query('release savepoint clientele_statistics');
  return true;
}

const SAMPLE_TARGET = 10;

/** How long an import waits for the statistics' lock (see analyzeInTransaction). */
const LOCK_WAIT = '2s';

/**
 * Tells the planner, for the rest of the caller's transaction, what an import's statements are: lookups of a
 * batch's keys in tables whose pages are mostly in memory. With PostgreSQL's defaults (a random page read four
 * times a sequential one, workers for large scans) a batch's read of an organization holding most of a table was
 * planned as a parallel scan of the whole table, at every batch: re-importing a million unchanged lines into the
 * only organization of a database took 48 to 58 s instead of 26 (docs/performance.md). 1.1 is the usual setting
 * for data on SSDs or in memory; a batch's statements are too small to gain from parallel workers.
 */
export async function planForKeyLookups(db: Queryable): Promise<void> {
  await db.query(
    `select set_config('random_page_cost', '1.1', true), set_config('max_parallel_workers_per_gather', '0', true)`,
  );
}

/**
 * Refreshes the statistics of `tables` after an import committed, as the tables' owner (the application's role
 * runs under row-level security), with the usual sample: without them PostgreSQL has been seen choosing nested
 * loops over 200,000 contacts. Statistics only: the import is committed whatever happens here.
 *
 * SKIP_LOCKED: another import running holds a table's ANALYZE lock until it commits (see analyzeInTransaction);
 * waiting for it held an owner connection, which every request's authentication needs, for as long (a request of
 * the soak test waited 51 s). A skipped table keeps the statistics that import makes, until the next ANALYZE.
 */
export async function analyzeAfterCommit(owner: Queryable, tables: readonly ImportTable[]): Promise<void> {
  if (tables.length === 0) return;
  await owner.query(`analyze (skip_locked) ${tables.join(', ')}`).catch(() => undefined);
}
